import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { openStores } from '../storage';
import { personalMessage, post } from '../test/support/activities';
import { cardInvoke, channelMessage } from '../test/support/approval-world';
import { freePort, startBotProcess, type BotProcess } from '../test/support/bot-process';
import type { CaseNumber } from '../cases/case-number';
import { aCase } from '../test/support/case-builder';
import { ConnectorStandIn } from '../test/support/connector-stand-in';
import { startSmtpServer } from '../test/support/smtp-test-server';
import { until } from '../test/support/until';
import { echoTurns, filings, FILING, names } from './drive';
import { mongoRoundTrips } from './round-trips';
import { percentile, timedPool } from './stats';

/** One line of the result table. */
interface Row {
  what: string;
  concurrency: number;
  count: number;
  perSecond?: number;
  p50ms: number;
  p99ms: number;
  /** Against the echo baseline at the same concurrency (latency), or per turn (CPU). */
  ratio?: number;
  note?: string;
}

const round = (n: number) => Math.round(n * 100) / 100;
const progress = (step: string) => process.stderr.write(`bench: ${step}\n`);

// BENCH_CASES: how many cases to store before timing status (fewer for a slow test database).
const seedCount = z.coerce
  .number()
  .int()
  .min(100)
  .max(100_000)
  .default(10_000)
  .parse(process.env.BENCH_CASES);

// BENCH_PROFILE=true writes a CPU profile of the bot and of the echo bot for each run.
const nodeArgs =
  process.env.BENCH_PROFILE === 'true'
    ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(__dirname, '../bench-results/profiles')}`]
    : [];

/** Both bots run compiled (`npm run bench` builds first), as production runs them. */
async function startEcho(): Promise<{ port: number; pid: number; stop: () => void }> {
  const port = await freePort();
  const child = spawn(process.execPath, [...nodeArgs, 'dist/bench/echo-bot.js'], {
    cwd: path.resolve(__dirname, '..'),
    env: { ...process.env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve) => child.stdout!.once('data', () => resolve()));
  return { port, pid: child.pid!, stop: () => child.kill('SIGTERM') };
}

let lastBotLines = (): string[] => [];

/** The server of `uri` with a fresh database of the bench's own. */
function databaseUri(uri: string, prefix: string): string {
  const url = new URL(uri);
  url.pathname = `/${prefix}_${randomBytes(4).toString('hex')}`;
  return url.toString();
}

async function main(): Promise<void> {
  const connector = new ConnectorStandIn();
  const serviceUrl = await connector.start();
  const smtp = await startSmtpServer({ starttls: true });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'unilogin-bench-'));
  fs.writeFileSync(path.join(dataDir, 'ca.pem'), smtp.ca);
  const mongodbUri = process.env.MONGODB_URI ? databaseUri(process.env.MONGODB_URI, 'bench') : '';
  const env = {
    DATA_DIR: dataDir,
    MONGODB_URI: mongodbUri,
    DATA_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    LOOKUP_HMAC_KEY: randomBytes(32).toString('base64'),
    APPROVER_IDS: 'approver-1',
    INSTITUTIONS_FILE: path.resolve(__dirname, '../institutions.example.json'),
    SMTP_URL: smtp.url,
    MAIL_FROM: 'unilogin@stil.example',
    SMTP_CA_FILE: path.join(dataDir, 'ca.pem'),
    LOG_LEVEL: 'warn',
  };
  const echo = await startEcho();
  const bot: BotProcess = await startBotProcess(env, { compiled: true, nodeArgs });
  lastBotLines = () => bot.logs.slice(-30);
  const botTarget = { port: bot.port, pid: bot.child.pid! };
  const echoTarget = { port: echo.port, pid: echo.pid };
  const rows: Row[] = [];
  const echoP50 = new Map<number, number>();
  const echoP99 = new Map<number, number>();

  // JIT warm-up: both bots get faster for thousands of turns. Unwarmed, the comparison
  // measured the compiler more than the bots.
  progress('warming up');
  await echoTurns(echoTarget, serviceUrl, 3000, 10);
  await post(bot.port, channelMessage(serviceUrl, 'registrer', 'approver-1'));
  await filings(botTarget, serviceUrl, names('warm', 150), 10);

  for (const concurrency of [1, 10, 50]) {
    progress(`echo at ${concurrency}`);
    const batch = await echoTurns(echoTarget, serviceUrl, concurrency * 40, concurrency);
    echoP50.set(concurrency, percentile(batch.turnMs, 50));
    echoP99.set(concurrency, percentile(batch.turnMs, 99));
    rows.push({
      what: 'echo turn (baseline)',
      concurrency,
      count: batch.turnMs.length,
      perSecond: batch.turnMs.length / batch.seconds,
      p50ms: percentile(batch.turnMs, 50),
      p99ms: percentile(batch.turnMs, 99),
    });
  }
  for (const concurrency of [1, 10, 50]) {
    progress(`filing at ${concurrency}`);
    // Enough filings that a p99 of their turns means something (8 turns each).
    const count = Math.max(concurrency * 4, 10);
    const batch = await filings(
      botTarget,
      serviceUrl,
      names(`file-${concurrency}`, count),
      concurrency,
    );
    rows.push({
      what: 'filing, per turn',
      concurrency,
      count,
      perSecond: count / batch.seconds,
      p50ms: percentile(batch.turnMs, 50),
      p99ms: percentile(batch.turnMs, 99),
      ratio: percentile(batch.turnMs, 50) / echoP50.get(concurrency)!,
      note: `p99 ${round(percentile(batch.turnMs, 99) / echoP99.get(concurrency)!)}× echo's; CPU ${round((batch.cpu * 1000) / count)} ms per filing; perSecond = filings/s`,
    });
  }

  progress('CPU: filings and echo turns in turn');
  // Rounds alternate, so that drift (warm-up, a busy neighbour) touches both sides alike.
  const ratios: number[] = [];
  for (let round = 0; round < 8; round++) {
    const echoBatch = await echoTurns(echoTarget, serviceUrl, 40 * FILING.length, 10);
    const filingBatch = await filings(botTarget, serviceUrl, names(`cpu-${round}`, 40), 10);
    ratios.push(filingBatch.cpu / echoBatch.cpu);
  }
  rows.push({
    what: `filing CPU / ${FILING.length} echo turns CPU`,
    concurrency: 10,
    count: ratios.length,
    p50ms: NaN,
    p99ms: NaN,
    ratio: percentile(ratios, 50),
    note: `target ≤ 1.2; median of ${ratios.length} rounds of 40 filings, range ${round(Math.min(...ratios))}–${round(Math.max(...ratios))}`,
  });

  progress('approvals');
  // Approve 50 cases at once, and time each until its secure mail is accepted by SMTP.
  const caseNumberIn = (conversation: string) =>
    /UL-\d{4}-\d{5}/.exec(connector.textsTo(conversation).join(' '))?.[0];
  const toApprove = names('file-50', 50)
    .map(caseNumberIn)
    .filter((n): n is string => n !== undefined);
  // The approval and mail paths warm up on twenty other cases first (not timed).
  const warmApprovals = names('warm', 20)
    .map(caseNumberIn)
    .filter((n): n is string => n !== undefined);
  const mailsBefore = smtp.messages.length;
  await timedPool(warmApprovals, 10, async (caseNumber) => {
    await post(bot.port, cardInvoke(serviceUrl, 'case.approve', { caseNumber }, 'approver-1'));
  });
  await until(() => smtp.messages.length >= mailsBefore + warmApprovals.length, 60_000);
  const sentAt = new Map<string, number>();
  const mailAt = new Map<string, number>();
  const watching = setInterval(() => {
    for (const message of smtp.messages) {
      const number = /X-Unilogin-Case: (UL-\d{4}-\d{5})/.exec(message.raw)?.[1];
      if (number && !mailAt.has(number)) mailAt.set(number, performance.now());
    }
  }, 5);
  const invokeDurations = await timedPool(toApprove, 50, async (caseNumber) => {
    sentAt.set(caseNumber, performance.now());
    await post(bot.port, cardInvoke(serviceUrl, 'case.approve', { caseNumber }, 'approver-1'));
  });
  const deadline = Date.now() + 60000;
  while (toApprove.some((n) => !mailAt.has(n)) && Date.now() < deadline)
    await new Promise((r) => setTimeout(r, 50));
  clearInterval(watching);
  const toMail = toApprove.filter((n) => mailAt.has(n)).map((n) => mailAt.get(n)! - sentAt.get(n)!);
  rows.push({
    what: 'approve invoke answered',
    concurrency: 50,
    count: invokeDurations.length,
    p50ms: percentile(invokeDurations, 50),
    p99ms: percentile(invokeDurations, 99),
    ratio: percentile(invokeDurations, 50) / echoP50.get(50)!,
    note: 'target p99 < 300 ms',
  });
  rows.push({
    what: 'approval to mail accepted',
    concurrency: 50,
    count: toMail.length,
    p50ms: percentile(toMail, 50),
    p99ms: percentile(toMail, 99),
    note: `target p99 < 2000 ms; ${toApprove.length - toMail.length} not delivered in 60 s`,
  });

  progress(`seeding ${seedCount} cases`);
  // Status and my cases with many stored cases (1 in 100 of them the reader's own).
  const stores = await openStores({ mongodbUri: mongodbUri || undefined, dataDir });
  const seeds = Array.from({ length: seedCount }, (_, i) => i);
  await timedPool(seeds, 20, async (i) => {
    const owner = i % 100 === 0 ? 'reader' : `seed-${i % 97}`;
    await stores.cases.create(
      aCase({
        caseNumber: `UL-2025-${String(i + 1).padStart(6, '0')}` as CaseNumber,
        requester: { aadObjectId: owner, name: owner },
      }),
      [],
    );
  });
  await stores.storage.close();
  const own = seeds
    .filter((i) => i % 100 === 0)
    .map((i) => `UL-2025-${String(i + 1).padStart(6, '0')}`);
  const reads = [
    [`status <case> (${seedCount} cases)`, own.concat(own).map((n) => `status ${n}`)],
    [`my cases (${seedCount} cases)`, Array.from({ length: 100 }, () => 'mine sager')],
  ] as const;
  /** Times status and my cases on a bot; `when` names the worker's polling in the table. */
  const timeReads = async (port: number, when: string) => {
    // Seeding outlasts the bot's keep-alive (5 s): the client's idle connection may be closed
    // just as it is reused. One request that may fail, before anything is timed.
    await post(port, personalMessage(serviceUrl, 'reader-chat', 'hjælp')).catch(() => 0);
    for (const [what, texts] of reads) {
      const ask = async (text: string) => {
        await post(port, personalMessage(serviceUrl, 'reader-chat', text, { userId: 'reader' }));
      };
      await timedPool(texts.slice(0, 20), 1, ask); // warm-up, not timed
      const durations = await timedPool([...texts], 1, ask);
      rows.push({
        what: `${what}, ${when}`,
        concurrency: 1,
        count: durations.length,
        p50ms: percentile(durations, 50),
        p99ms: percentile(durations, 99),
        ratio: percentile(durations, 50) / echoP50.get(1)!,
        note: what.startsWith('status') ? 'target p99 < 20 ms' : undefined,
      });
    }
  };
  progress('status and my cases');
  await timeReads(bot.port, 'worker polling every 1 s');
  // The same reads with the worker quiet: the polls' query for due jobs is what an unindexed
  // test server spends its time on, so this tells the bot's own reads from the polling.
  progress('status and my cases, worker quiet');
  await bot.kill('SIGTERM');
  const quiet = await startBotProcess({ ...env, JOB_POLL_MS: '600000' }, { compiled: true });
  lastBotLines = () => quiet.logs.slice(-30);
  await timeReads(quiet.port, 'worker quiet');
  await quiet.kill('SIGTERM');

  if (mongodbUri) {
    progress('round trips per transition');
    const trips = await mongoRoundTrips(databaseUri(mongodbUri, 'trips'));
    rows.push({
      what: 'MongoDB round trips per transition',
      concurrency: 1,
      count: 1,
      p50ms: NaN,
      p99ms: NaN,
      ratio: trips.won,
      note: `target 1; a losing writer ${trips.lost} (the write, then the stored case), a read ${trips.read}`,
    });
  }

  echo.stop();
  await smtp.stop();
  await connector.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });

  const machine = {
    cpus: os.cpus().length,
    model: os.cpus()[0]?.model,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    storage: mongodbUri ? 'mongodb' : 'sqlite',
  };
  const table = rows.map((r) => ({
    ...r,
    perSecond: r.perSecond && round(r.perSecond),
    p50ms: round(r.p50ms),
    p99ms: round(r.p99ms),
    ratio: r.ratio && round(r.ratio),
  }));
  console.log(`Machine: ${JSON.stringify(machine)}`);
  console.table(table);
  const out = path.resolve(__dirname, '../bench-results');
  fs.mkdirSync(out, { recursive: true });
  const file = path.join(out, `bench-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  fs.writeFileSync(file, JSON.stringify({ machine, rows: table }, null, 2));
  console.log(`Written to ${file}`);
}

void main().catch((error: unknown) => {
  console.error(error);
  console.error(`The bot's last log lines:\n${lastBotLines().join('\n')}`);
  process.exit(1);
});
