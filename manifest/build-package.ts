/**
 * `npm run package`: writes the Teams app package, dist/appPackage/unilogin-bot.zip, holding
 * manifest.json (appPackage/manifest.json with its `${{…}}` placeholders filled from
 * TEAMS_APP_ID, BOT_ID and BOT_DOMAIN), en.json, color.png and outline.png at the zip's root.
 * `--out <file>` writes the zip somewhere else. The Agents Toolkit's teamsApp/zipAppPackage
 * packs the same folder from env/.env.<name>.
 */
import AdmZip from 'adm-zip';
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fillManifest, standInsIn, type Json } from './fill-manifest';
import { parsePackageEnv } from './package-env';
import { schemaAvailable, schemaPath, validateManifest } from './validate-manifest';

const root = resolve(__dirname, '..');
const appPackage = join(root, 'appPackage');
const defaultOut = join(root, 'dist', 'appPackage', 'unilogin-bot.zip');

function outPath(args: string[]): string {
  const at = args.indexOf('--out');
  if (at === -1) return defaultOut;
  const value = args[at + 1];
  if (!value) throw new Error('--out needs a file name');
  return resolve(value);
}

function main(): number {
  const env = parsePackageEnv(process.env);
  if (!env.ok) {
    process.stderr.write(
      [
        'Cannot build the Teams app package:',
        ...env.problems.map((p) => `  - ${p}`),
        'Set them in the environment, e.g. BOT_ID=<guid> BOT_DOMAIN=<host> npm run package',
        '',
      ].join('\n'),
    );
    return 1;
  }

  const template = JSON.parse(readFileSync(join(appPackage, 'manifest.json'), 'utf8')) as Json;
  const manifest = fillManifest(template, env.values);
  if (schemaAvailable()) {
    const errors = validateManifest(manifest);
    if (errors.length > 0) {
      process.stderr.write(
        [
          `Cannot build the Teams app package: the manifest fails ${schemaPath}:`,
          ...errors.map((e) => `  - ${e}`),
          '',
        ].join('\n'),
      );
      return 1;
    }
  } else {
    process.stderr.write(`Note: ${schemaPath} is missing, so the manifest was not validated\n`);
  }

  const zip = new AdmZip();
  zip.addFile('manifest.json', Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8'));
  for (const file of ['en.json', 'color.png', 'outline.png']) {
    zip.addFile(file, readFileSync(join(appPackage, file)));
  }
  const out = outPath(process.argv.slice(2));
  mkdirSync(dirname(out), { recursive: true });
  zip.writeZip(out);

  process.stdout.write(`Wrote ${out}\n`);
  const standIns = standInsIn(manifest);
  if (standIns.length > 0) {
    process.stderr.write(
      `Note: these manifest fields still hold stand-ins; replace them in appPackage/manifest.json before publishing: ${standIns.join(', ')}\n`,
    );
  }
  return 0;
}

try {
  process.exitCode = main();
} catch (error) {
  process.stderr.write(
    `Cannot build the Teams app package: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exitCode = 1;
}
