import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { MongoClient } from 'mongodb';
import { catalogues } from '../../texts';
import { personalMessage, post } from '../support/activities';
import { startBotProcess } from '../support/bot-process';
import { ConnectorStandIn } from '../support/connector-stand-in';
import { filingAnswers } from '../support/filing-answers';
import { startTcpProxy } from '../support/tcp-proxy';
import { until } from '../support/until';

const da = catalogues.da;
const mongodbUri = process.env.MONGODB_URI;
if (!mongodbUri && process.env.CI === 'true') {
  throw new Error('CI=true but MONGODB_URI is not set: the database-outage suite must run in CI');
}
if (!mongodbUri) console.warn('Database-outage suite skipped: MONGODB_URI is not set');
const describeWithMongo = mongodbUri ? describe : describe.skip;

/**
 * The bot reaches its MongoDB through a TCP proxy that the test cuts: every connection drops
 * and new ones are refused, as when the database or the network to it fails. The database
 * itself (and what it holds) is real and stays.
 */
describeWithMongo('the database going away and coming back [mongodb]', () => {
  it('answers "try again shortly", reports not ready, stays up, and recovers with nothing lost', async () => {
    const connector = new ConnectorStandIn();
    const serviceUrl = await connector.start();
    const server = new URL(mongodbUri!);
    const proxy = await startTcpProxy({ host: server.hostname, port: Number(server.port) });
    const database = `outage_${randomBytes(5).toString('hex')}`;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'unilogin-outage-'));
    const bot = await startBotProcess({
      MONGODB_URI: `mongodb://127.0.0.1:${proxy.port}/${database}`,
      DATA_DIR: dir,
    });
    const say = (text: string) => post(bot.port, personalMessage(serviceUrl, 'c-outage', text));
    const ready = async () => (await fetch(`http://127.0.0.1:${bot.port}/readyz`)).status;
    try {
      for (const answer of filingAnswers()) {
        expect(await say(answer)).toBe(200);
      }
      const caseNumber = /UL-\d{4}-\d{5}/.exec(connector.textsTo('c-outage').join(' '))![0];

      proxy.cut();
      expect(await say('mine sager')).toBeLessThan(500);
      expect(connector.textsTo('c-outage').at(-1)).toBe(da['error.storageDown']);
      expect(await ready()).toBe(503);
      expect((await fetch(`http://127.0.0.1:${bot.port}/healthz`)).status).toBe(200);
      expect(bot.child.exitCode).toBeNull();

      proxy.mend();
      await until(async () => (await ready()) === 200, 30000);
      expect(await say(`status ${caseNumber}`)).toBe(200);
      expect(JSON.stringify(connector.messagesTo('c-outage').at(-1))).toContain(da['state.filed']);
      expect(bot.logs.join('\n')).not.toMatch(/010190-?1234/);
    } finally {
      await bot.kill('SIGTERM');
      await proxy.close();
      await connector.stop();
      const client = await MongoClient.connect(mongodbUri!);
      await client.db(database).dropDatabase();
      await client.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 90_000);
});
