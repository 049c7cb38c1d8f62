// Runs `npm run build` only when dist/ is missing or older than what it is built from, so that
// `npm start` on a fresh build reaches the bot (and its config check) at once.
// Plain Node, no dependencies. Run from the package root (npm does so).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = process.cwd();
const BUILD_CONFIG = 'tsconfig.build.json';
/** Files that change the output without being sources. */
const BUILD_INPUTS = ['package-lock.json', 'tsconfig.json', BUILD_CONFIG];
/** Written when a build started here fails: tsc emits even then, so the outputs look fresh. */
const FAILED_MARKER = '.build-failed';

const mtimeOf = (file) => fs.statSync(path.join(root, file), { throwIfNoEntry: false })?.mtimeMs;

/** Every .ts file tsconfig.build.json compiles, relative to the root. */
function sources(config) {
  const excluded = new Set((config.exclude ?? []).map((entry) => path.normalize(entry)));
  const found = [];
  const visit = (rel) => {
    if (excluded.has(path.normalize(rel))) return;
    const stat = fs.statSync(path.join(root, rel), { throwIfNoEntry: false });
    if (stat?.isDirectory()) {
      for (const name of fs.readdirSync(path.join(root, rel))) visit(path.join(rel, name));
    } else if (stat && rel.endsWith('.ts') && !rel.endsWith('.d.ts')) {
      found.push(rel);
    }
  };
  for (const entry of config.include ?? []) visit(entry);
  return found;
}

const readJson = (file) => JSON.parse(fs.readFileSync(path.join(root, file), 'utf8'));

/** Why dist/ must be built, or undefined when it is up to date. */
function staleReason(outDir) {
  const config = readJson(BUILD_CONFIG);
  const options = { ...readJson('tsconfig.json').compilerOptions, ...config.compilerOptions };
  if (path.normalize(options.outDir ?? 'dist') !== path.normalize(outDir)) {
    return `${BUILD_CONFIG} builds to ${options.outDir}, not ${outDir}`;
  }
  const rootDir = options.rootDir ?? '.';
  if (mtimeOf(path.join(outDir, FAILED_MARKER)) !== undefined) return 'the last build failed';
  const files = sources(config);
  if (files.length === 0) return `${BUILD_CONFIG} names no sources`;
  let oldestOutput = Infinity;
  for (const source of files) {
    const output = path.join(outDir, path.relative(rootDir, source)).replace(/\.ts$/, '.js');
    const outputTime = mtimeOf(output);
    if (outputTime === undefined) return `${output} is missing`;
    if (mtimeOf(source) > outputTime) return `${source} changed`;
    oldestOutput = Math.min(oldestOutput, outputTime);
  }
  for (const input of BUILD_INPUTS) {
    if ((mtimeOf(input) ?? 0) > oldestOutput) return `${input} changed`;
  }
  return undefined;
}

const OUT_DIR = 'dist';
let reason;
try {
  reason = staleReason(OUT_DIR);
} catch (error) {
  reason = `its inputs could not be checked (${error instanceof Error ? error.message : error})`;
}
if (reason === undefined) process.exit(0);

process.stderr.write(`Building ${OUT_DIR}/: ${reason}.\n`);
const marker = path.join(root, OUT_DIR, FAILED_MARKER);
const build = spawnSync('npm', ['run', 'build', '--silent'], {
  cwd: root,
  stdio: 'inherit',
  shell: process.platform === 'win32',
});
const status = build.status ?? 1;
if (status === 0) {
  fs.rmSync(marker, { force: true });
} else {
  fs.mkdirSync(path.dirname(marker), { recursive: true });
  fs.writeFileSync(marker, `npm run build exited with ${status}\n`);
}
process.exit(status);
