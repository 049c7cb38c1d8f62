import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { openStores } from '../storage';
import { personalMessage, post } from '../test/support/activities';
import { cardInvoke, channelMessage } from '../test/support/approval-world';
import { freePort, startBotProcess, type BotProcess } from '../test/support/bot-process';
import { aCase } from '../test/support/case-builder';
import { ConnectorStandIn } from '../test/support/connector-stand-in';
import { filingAnswers } from '../test/support/filing-answers';
import { startSmtpServer } from '../test/support/smtp-test-server';
import { cpuSeconds, percentile, timedPool } from './stats';

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

const FILING = filingAnswers();
const round = (n: number) => Math.round(n * 100) / 100;
const progress = (step: string) => process.stderr.write(`bench: ${step}\n`);

async function startEcho(): Promise<{ port: number; pid: number; stop: () => void }> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/echo-bot.ts'], {
    cwd: path.resolve(__dirname, '..'),
    env: { ...process.env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve) => child.stdout!.once('data', () => resolve()));
  return { port, pid: child.pid!, stop: () => child.kill('SIGTERM') };
}

async function main(): Promise<void> {
  const connector = new ConnectorStandIn();
  const serviceUrl = await connector.start();
  const smtp = await startSmtpServer({ starttls: true });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'unilogin-bench-'));
  fs.writeFileSync(path.join(dataDir, 'ca.pem'), smtp.ca);
  const mongodbUri = process.env.MONGODB_URI
    ? process.env.MONGODB_URI.replace(/\/?$/, '').replace(/\/[^/]*$/, '') +
      `/bench_${randomBytes(4).toString('hex')}`
    : '';
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
    MAIL_POLL_MS: '200',
    LOG_LEVEL: 'warn',
  };
  const echo = await startEcho();
  const bot: BotProcess = await startBotProcess(env);
  const botPid = bot.child.pid!;
  const rows: Row[] = [];
  const echoP50 = new Map<number, number>();
  let echoCpuPerTurn = 0;

  // Warm both up (JIT, connection pools) so the first measured turns are not the slowest.
  for (let i = 0; i < 50; i++) {
    await post(echo.port, personalMessage(serviceUrl, 'warm', 'hello'));
    await post(bot.port, personalMessage(serviceUrl, 'warm', 'hjælp'));
  }
  for (const concurrency of [1, 10, 50]) {
    progress(`echo at ${concurrency}`);
    const turns = Array.from({ length: concurrency * 40 }, (_, i) => i);
    const cpu0 = cpuSeconds(echo.pid);
    const start = performance.now();
    const durations = await timedPool(turns, concurrency, async (i) => {
      await post(echo.port, personalMessage(serviceUrl, `echo-${i % concurrency}`, `hello ${i}`));
    });
    const seconds = (performance.now() - start) / 1000;
    if (concurrency === 10) echoCpuPerTurn = (cpuSeconds(echo.pid) - cpu0) / turns.length;
    echoP50.set(concurrency, percentile(durations, 50));
    rows.push({
      what: 'echo turn (baseline)',
      concurrency,
      count: turns.length,
      perSecond: turns.length / seconds,
      p50ms: percentile(durations, 50),
      p99ms: percentile(durations, 99),
    });
  }

  await post(bot.port, channelMessage(serviceUrl, 'registrer', 'approver-1'));
  const filed: string[] = [];
  let cpuRatio = NaN;
  for (const concurrency of [1, 10, 50]) {
    progress(`filing at ${concurrency}`);
    const filings = Array.from(
      { length: Math.max(concurrency, 10) },
      (_, i) => `file-${concurrency}-${i}`,
    );
    const turnDurations: number[] = [];
    const cpu0 = cpuSeconds(botPid);
    const start = performance.now();
    await timedPool(filings, concurrency, async (conversation) => {
      for (const text of FILING) {
        const t0 = performance.now();
        await post(
          bot.port,
          personalMessage(serviceUrl, conversation, text, { userId: conversation }),
        );
        turnDurations.push(performance.now() - t0);
      }
      const number = /UL-\d{4}-\d{5}/.exec(connector.textsTo(conversation).join(' '))?.[0];
      if (number) filed.push(number);
    });
    const seconds = (performance.now() - start) / 1000;
    const cpuPerFiling = (cpuSeconds(botPid) - cpu0) / filings.length;
    if (concurrency === 10) cpuRatio = cpuPerFiling / (FILING.length * echoCpuPerTurn);
    rows.push({
      what: 'filing, per turn',
      concurrency,
      count: filings.length,
      perSecond: filings.length / seconds,
      p50ms: percentile(turnDurations, 50),
      p99ms: percentile(turnDurations, 99),
      ratio: percentile(turnDurations, 50) / echoP50.get(concurrency)!,
      note: `CPU ${round(cpuPerFiling * 1000)} ms per filing; perSecond = filings/s`,
    });
  }
  rows.push({
    what: 'filing CPU / 8 echo turns CPU',
    concurrency: 10,
    count: 1,
    p50ms: NaN,
    p99ms: NaN,
    ratio: cpuRatio,
    note: 'target ≤ 1.5',
  });

  progress('approvals');
  // Approve 50 cases at once, and time each until its secure mail is accepted by SMTP.
  const toApprove = filed.slice(-50);
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

  progress('seeding 10,000 cases');
  // Status and my cases with 10,000 stored cases (100 of them the reader's own).
  const stores = await openStores({ mongodbUri: mongodbUri || undefined, dataDir });
  const seeds = Array.from({ length: 10000 }, (_, i) => i);
  await timedPool(seeds, 20, async (i) => {
    const owner = i % 100 === 0 ? 'reader' : `seed-${i % 97}`;
    await stores.cases.create(
      aCase({
        caseNumber: `UL-2025-${String(i + 1).padStart(5, '0')}`,
        requester: { aadObjectId: owner, name: owner },
      }),
    );
  });
  await stores.storage.close();
  const own = seeds
    .filter((i) => i % 100 === 0)
    .map((i) => `UL-2025-${String(i + 1).padStart(5, '0')}`);
  for (const [what, texts] of [
    ['status <case> (10,000 cases)', own.concat(own).map((n) => `status ${n}`)],
    ['my cases (10,000 cases)', Array.from({ length: 100 }, () => 'mine sager')],
  ] as const) {
    const durations = await timedPool([...texts], 1, async (text) => {
      await post(bot.port, personalMessage(serviceUrl, 'reader-chat', text, { userId: 'reader' }));
    });
    rows.push({
      what,
      concurrency: 1,
      count: durations.length,
      p50ms: percentile(durations, 50),
      p99ms: percentile(durations, 99),
      ratio: percentile(durations, 50) / echoP50.get(1)!,
      note: what.startsWith('status') ? 'target p99 < 20 ms' : undefined,
    });
  }

  await bot.kill('SIGTERM');
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
  process.exit(1);
});
