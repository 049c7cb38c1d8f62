import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { catalogues } from '../../texts';
import { personalMessage, post } from '../support/activities';
import { freePort, startBotProcess } from '../support/bot-process';
import { ConnectorStandIn } from '../support/connector-stand-in';
import { until } from '../support/until';
import { filingAnswers } from '../support/filing-answers';

const da = catalogues.da;
// .ci/run builds FerretDB and exports where; locally the same cache path is tried.
const cached = path.join(os.homedir(), '.cache/unilogin-bot/ferretdb-v1.24.2');
const ferretdbBin = process.env.FERRETDB_BIN ?? (fs.existsSync(cached) ? cached : undefined);
if (!ferretdbBin && process.env.CI === 'true') {
  throw new Error('CI=true but FERRETDB_BIN is not set: the database-outage suite must run in CI');
}
if (!ferretdbBin) console.warn('Database-outage suite skipped: no FerretDB binary (FERRETDB_BIN)');
const describeWithFerret = ferretdbBin ? describe : describe.skip;

/** A FerretDB of this test's own, so that the test can take it away and bring it back. */
function startFerretdb(port: number, dir: string): ChildProcess {
  return spawn(
    ferretdbBin!,
    [
      '--handler=sqlite',
      `--sqlite-url=file:${dir}/`,
      `--state-dir=${dir}`,
      `--listen-addr=127.0.0.1:${port}`,
      '--debug-addr=-',
      '--telemetry=disable',
      '--log-level=error',
    ],
    { stdio: 'ignore' },
  );
}

const stopped = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });

describeWithFerret('the database going away and coming back [mongodb]', () => {
  it('answers "try again shortly", reports not ready, stays up, and recovers with nothing lost', async () => {
    const connector = new ConnectorStandIn();
    const serviceUrl = await connector.start();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'unilogin-outage-'));
    const port = await freePort();
    let ferretdb = startFerretdb(port, dir);
    const bot = await startBotProcess({
      MONGODB_URI: `mongodb://127.0.0.1:${port}/outage`,
      DATA_DIR: dir,
    });
    const say = (text: string) => post(bot.port, personalMessage(serviceUrl, 'c-outage', text));
    const ready = async () => (await fetch(`http://127.0.0.1:${bot.port}/readyz`)).status;
    try {
      for (const answer of filingAnswers()) {
        expect(await say(answer)).toBe(200);
      }
      const caseNumber = /UL-\d{4}-\d{5}/.exec(connector.textsTo('c-outage').join(' '))![0];

      await stopped(ferretdb);
      expect(await say('mine sager')).toBeLessThan(500);
      expect(connector.textsTo('c-outage').at(-1)).toBe(da['error.storageDown']);
      expect(await ready()).toBe(503);
      expect((await fetch(`http://127.0.0.1:${bot.port}/healthz`)).status).toBe(200);
      expect(bot.child.exitCode).toBeNull();

      ferretdb = startFerretdb(port, dir);
      await until(async () => (await ready()) === 200, 30000);
      expect(await say(`status ${caseNumber}`)).toBe(200);
      expect(JSON.stringify(connector.messagesTo('c-outage').at(-1))).toContain(da['state.filed']);
      expect(bot.logs.join('\n')).not.toMatch(/010190-?1234/);
    } finally {
      await bot.kill('SIGTERM');
      await stopped(ferretdb);
      await connector.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
