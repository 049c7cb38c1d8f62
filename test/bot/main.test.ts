import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');

/** Runs bot/main.ts as the process `npm start` runs, with only the given environment. */
function runMain(env: Record<string, string>, untilOutput?: RegExp) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bot/main.ts'], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', ...env },
  });
  let output = '';
  const seen = new Promise<void>((resolve) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      if (untilOutput?.test(output)) resolve();
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, seen, exited, output: () => output };
}

describe('the production start', () => {
  it('exits non-zero without an app id outside local mode, naming the variable', async () => {
    const run = runMain({});
    expect(await run.exited).not.toBe(0);
    expect(run.output()).toMatch(/MicrosoftAppId is required unless BOT_LOCAL_MODE=true/);
  });

  it('warns loudly in local mode and stops cleanly on SIGTERM', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'unilogin-main-'));
    const run = runMain({ BOT_LOCAL_MODE: 'true', DATA_DIR: dataDir, PORT: '0' }, /bot listening/);
    await run.seen;
    expect(run.output()).toMatch(/NOT authenticated/);
    // main.ts sets its SIGTERM handler in the same tick as it logs "bot listening": an answer
    // from the bot's port proves that tick is over (a signal before it would kill it outright).
    const port = /"port":(\d+)[^\n]*bot listening/.exec(run.output())?.[1];
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).ok).toBe(true);
    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
    expect(run.output()).toMatch(/"msg":"stopped"/);
  });
});
