import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { MongoClient } from 'mongodb';
import type { StorageChoice } from '../../storage';
import { personalMessage, post } from './activities';
import { cardInvoke, channelMessage, type InvokeBody } from './approval-world';
import { startBotProcess, type BotProcess } from './bot-process';
import { ConnectorStandIn } from './connector-stand-in';
import { startSmtpServer, type SmtpTestServer } from './smtp-test-server';
import { testBackends } from './storage-backends';

/**
 * The bot as real processes (bot/main.ts, started and killed like production), with a
 * connector stand-in, a real SMTP server that requires STARTTLS, and one store that outlives
 * every process: SQLite in a folder, or a MongoDB database of its own.
 */
export interface ProcessWorld {
  connector: ConnectorStandIn;
  serviceUrl: string;
  smtp: SmtpTestServer;
  where: StorageChoice;
  env: Record<string, string>;
  /** The bot processes started so far that still run. */
  bots: BotProcess[];
  start(extra?: Record<string, string>): Promise<BotProcess>;
  say(bot: BotProcess, conversation: string, text: string, userId?: string): Promise<number>;
  channel(bot: BotProcess, text: string, fromId: string): Promise<number>;
  invoke(bot: BotProcess, verb: string, data: unknown, fromId: string): Promise<InvokeBody>;
  close(): Promise<void>;
}

/** Builds the world on SQLite, or on MongoDB when `mongodbUri` is given. */
export async function startProcessWorld(mongodbUri?: string): Promise<ProcessWorld> {
  const connector = new ConnectorStandIn();
  const serviceUrl = await connector.start();
  const smtp = await startSmtpServer({ starttls: true });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'unilogin-proc-'));
  const caFile = path.join(dataDir, 'smtp-ca.pem');
  fs.writeFileSync(caFile, smtp.ca);
  let where: StorageChoice = { dataDir };
  if (mongodbUri) {
    const uri = new URL(mongodbUri);
    uri.pathname = `/proc_${randomBytes(5).toString('hex')}`;
    where = { dataDir, mongodbUri: uri.toString() };
  }
  const env: Record<string, string> = {
    DATA_DIR: dataDir,
    ...(where.mongodbUri ? { MONGODB_URI: where.mongodbUri } : {}),
    // Every process reads the others' CPRs: the same keys, as in production.
    DATA_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    LOOKUP_HMAC_KEY: randomBytes(32).toString('base64'),
    APPROVER_IDS: 'approver-1,approver-2,approver-3',
    INSTITUTIONS_FILE: path.resolve(__dirname, '../../institutions.example.json'),
    SMTP_URL: smtp.url,
    MAIL_FROM: 'unilogin@stil.example',
    SMTP_CA_FILE: caFile,
    JOB_POLL_MS: '200',
    // A killed process's jobs are taken over once their lease runs out: keep that short here.
    JOB_LEASE_MS: '3000',
  };
  const world: ProcessWorld = {
    connector,
    serviceUrl,
    smtp,
    where,
    env,
    bots: [],
    async start(extra = {}) {
      const bot = await startBotProcess({ ...env, ...extra });
      world.bots.push(bot);
      void bot.exited.then(() => (world.bots = world.bots.filter((b) => b !== bot)));
      return bot;
    },
    say: (bot, conversation, text, userId = `user-${conversation}`) =>
      post(bot.port, personalMessage(serviceUrl, conversation, text, { userId })),
    channel: (bot, text, fromId) => post(bot.port, channelMessage(serviceUrl, text, fromId)),
    async invoke(bot, verb, data, fromId) {
      const res = await fetch(`http://127.0.0.1:${bot.port}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(cardInvoke(serviceUrl, verb, data, fromId)),
      });
      const text = await res.text();
      return (text ? JSON.parse(text) : {}) as InvokeBody;
    },
    async close() {
      await Promise.all(world.bots.map((bot) => bot.kill('SIGKILL')));
      await connector.stop();
      await smtp.stop();
      if (where.mongodbUri) {
        const client = await MongoClient.connect(where.mongodbUri);
        await client.db().dropDatabase();
        await client.close();
      }
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return world;
}

/** The card posts (new support-channel threads) that name a case. */
export function cardsPostedFor(connector: ConnectorStandIn, caseNumber: string) {
  return connector.calls
    .map((call, index) => ({ call, index }))
    .filter(
      ({ call }) =>
        call.method === 'POST' &&
        call.path === '/v3/conversations' &&
        JSON.stringify(call.body).includes(caseNumber),
    );
}

/** The processes' log lines at warn level and above, for a failure message. */
export function problemsIn(bots: BotProcess[]): string {
  return bots
    .flatMap((bot) => bot.logs)
    .filter((line) => /"level":[45]0/.test(line))
    .join('\n')
    .slice(0, 4000);
}

/**
 * Runs `define` on SQLite, and on MongoDB when MONGODB_URI is set (in CI it must be: see
 * storage-backends.ts); the describe's name says which.
 */
export function describeEachStore(title: string, define: (mongodbUri?: string) => void): void {
  for (const backend of testBackends()) {
    const uri = backend.name === 'mongodb' ? process.env.MONGODB_URI : undefined;
    describe(`${title} [${backend.name}]`, () => define(uri));
  }
}
