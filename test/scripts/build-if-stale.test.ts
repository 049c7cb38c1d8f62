import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const SCRIPT = path.resolve(__dirname, '../../scripts/build-if-stale.mjs');
const SOURCES = ['bot/main.ts', 'bot/sub/helper.ts', 'bench/echo-bot.ts'];

/** A stand-in for tsc: writes one .js per source into dist/ and counts its runs. */
const FAKE_BUILD = `
const fs = require('fs');
const path = require('path');
for (const source of ${JSON.stringify(SOURCES)}) {
  const output = path.join('dist', source.replace(/\\.ts$/, '.js'));
  fs.mkdirSync(path.dirname(output), { recursive: true });
  fs.writeFileSync(output, '');
}
fs.appendFileSync('builds.log', 'built\\n');
process.exit(Number(process.env.BUILD_EXIT || 0));
`;

/** A project laid out like this one, built: sources 100 s old, outputs 50 s, configs 200 s. */
function builtProject(): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'build-if-stale-'));
  const write = (file: string, content: string, ageSeconds: number) => {
    const full = path.join(root, file);
    fs.mkdirSync(path.dirname(full), { recursive: true });
    fs.writeFileSync(full, content);
    age(root, file, ageSeconds);
  };
  write('package.json', JSON.stringify({ scripts: { build: 'node build.js' } }), 200);
  write('build.js', FAKE_BUILD, 200);
  write('package-lock.json', '{}', 200);
  write(
    'tsconfig.json',
    JSON.stringify({ compilerOptions: { outDir: 'dist', rootDir: '.' } }),
    200,
  );
  write(
    'tsconfig.build.json',
    JSON.stringify({
      extends: './tsconfig.json',
      include: ['bot', 'bench/echo-bot.ts'],
      exclude: ['node_modules', 'dist', 'test'],
    }),
    200,
  );
  for (const source of SOURCES) {
    write(source, 'export {};\n', 100);
    write(path.join('dist', source.replace(/\.ts$/, '.js')), '', 50);
  }
  write('bench/run-bench.ts', 'export {};\n', 100);
  write('test/some.test.ts', 'export {};\n', 100);
  return root;
}

/** Sets a file's times to `ageSeconds` ago. */
function age(root: string, file: string, ageSeconds: number): void {
  const when = new Date(Date.now() - ageSeconds * 1000);
  fs.utimesSync(path.join(root, file), when, when);
}

/** Runs the script in `root`; returns its exit code, stderr and how many builds ran. */
function run(root: string, env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, [SCRIPT], {
    cwd: root,
    env: { ...process.env, ...env },
    encoding: 'utf8',
  });
  const log = path.join(root, 'builds.log');
  const builds = fs.existsSync(log) ? fs.readFileSync(log, 'utf8').split('\n').length - 1 : 0;
  return { status: result.status, stderr: result.stderr, builds };
}

describe('scripts/build-if-stale.mjs (npm prestart)', () => {
  const roots: string[] = [];
  const project = () => {
    const root = builtProject();
    roots.push(root);
    return root;
  };
  afterAll(() => {
    for (const root of roots) fs.rmSync(root, { recursive: true, force: true });
  });

  it('builds nothing when every output is newer than its source and the configs', () => {
    const root = project();
    expect(run(root)).toEqual({ status: 0, stderr: '', builds: 0 });
  });

  it('builds nothing when only files outside the build changed (tests, other bench files)', () => {
    const root = project();
    age(root, 'test/some.test.ts', 1);
    age(root, 'bench/run-bench.ts', 1);
    expect(run(root).builds).toBe(0);
  });

  it('builds once when a source is newer than its output, and then no more', () => {
    const root = project();
    age(root, 'bot/sub/helper.ts', 10);
    const first = run(root);
    expect(first).toMatchObject({ status: 0, builds: 1 });
    expect(first.stderr).toContain(path.join('bot', 'sub', 'helper.ts'));
    expect(run(root).builds).toBe(1);
  });

  it('builds when dist/ is missing', () => {
    const root = project();
    fs.rmSync(path.join(root, 'dist'), { recursive: true });
    expect(run(root)).toMatchObject({ status: 0, builds: 1 });
  });

  it('builds when package-lock.json or a tsconfig changed after the build', () => {
    for (const input of ['package-lock.json', 'tsconfig.json', 'tsconfig.build.json']) {
      const root = project();
      age(root, input, 10);
      expect(run(root)).toMatchObject({ status: 0, builds: 1 });
    }
  });

  it('fails with the build, and builds again next time though the outputs look fresh', () => {
    const root = project();
    age(root, 'bot/main.ts', 10);
    expect(run(root, { BUILD_EXIT: '2' })).toMatchObject({ status: 2, builds: 1 });
    const again = run(root);
    expect(again).toMatchObject({ status: 0, builds: 2 });
    expect(again.stderr).toContain('the last build failed');
    expect(run(root).builds).toBe(2);
  });
});
