import AdmZip from 'adm-zip';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { appPackageDir, root, sample, validateManifest } from './support';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'app-package-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const names = ['TEAMS_APP_ID', 'BOT_ID', 'MicrosoftAppId', 'BOT_DOMAIN'] as const;

/** Runs `npm run package`'s script with exactly these of its variables, writing into `dir`. */
function buildPackage(vars: Partial<Record<(typeof names)[number], string>>) {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of names) delete env[name];
  const out = join(dir, 'unilogin-bot.zip');
  const run = spawnSync(
    process.execPath,
    ['--import', 'tsx', 'manifest/build-package.ts', '--out', out],
    { cwd: root, env: { ...env, ...vars }, encoding: 'utf8', timeout: 60_000 },
  );
  return { status: run.status, stdout: run.stdout, stderr: run.stderr, out };
}

describe('npm run package', () => {
  it('writes a zip with manifest.json, en.json, color.png and outline.png at its root', () => {
    const run = buildPackage(sample);
    expect(run.stderr).not.toMatch(/Cannot build/);
    expect(run.status).toBe(0);
    const zip = new AdmZip(run.out);
    expect(
      zip
        .getEntries()
        .map((e) => e.entryName)
        .sort(),
    ).toEqual(['color.png', 'en.json', 'manifest.json', 'outline.png']);
    for (const file of ['en.json', 'color.png', 'outline.png']) {
      expect(zip.readFile(file)).toEqual(readFileSync(join(appPackageDir, file)));
    }
  });

  it('puts a filled manifest in the zip that passes the Teams schema 1.25', () => {
    const run = buildPackage(sample);
    const manifest = JSON.parse(new AdmZip(run.out).readAsText('manifest.json')) as {
      id: string;
      validDomains: string[];
    };
    expect(validateManifest(manifest)).toEqual([]);
    expect(manifest.id).toBe(sample.TEAMS_APP_ID);
    expect(manifest.validDomains).toEqual([sample.BOT_DOMAIN]);
  });

  it('warns that the developer fields are still stand-ins, without failing', () => {
    const run = buildPackage(sample);
    expect(run.status).toBe(0);
    expect(run.stderr).toMatch(/stand-ins.*developer\.privacyUrl/);
  });

  it('still builds from MicrosoftAppId alone, as before the Toolkit: app id and bot id are the same', () => {
    const run = buildPackage({ MicrosoftAppId: sample.BOT_ID, BOT_DOMAIN: sample.BOT_DOMAIN });
    expect(run.status).toBe(0);
    const manifest = JSON.parse(new AdmZip(run.out).readAsText('manifest.json')) as {
      id: string;
      bots: { botId: string }[];
    };
    expect([manifest.id, manifest.bots[0]?.botId]).toEqual([sample.BOT_ID, sample.BOT_ID]);
  });

  it('refuses without a bot id, naming BOT_ID, and writes no zip', () => {
    const run = buildPackage({ BOT_DOMAIN: sample.BOT_DOMAIN });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('Cannot build the Teams app package');
    expect(run.stderr).toMatch(/BOT_ID is not set/);
    expect(run.stderr).not.toMatch(/TEAMS_APP_ID|BOT_DOMAIN is/);
    expect(existsSync(run.out)).toBe(false);
  });

  it('refuses without BOT_DOMAIN, naming it, and writes no zip', () => {
    const run = buildPackage({ BOT_ID: sample.BOT_ID });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/BOT_DOMAIN is not set/);
    expect(run.stderr).not.toMatch(/BOT_ID (is|must)/);
    expect(existsSync(run.out)).toBe(false);
  });

  it('names both variables when both are bad: an app id that is not a GUID and a URL as domain', () => {
    const run = buildPackage({
      MicrosoftAppId: 'my-bot',
      BOT_DOMAIN: 'https://unilogin-bot.azurewebsites.net/api/messages',
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/MicrosoftAppId must be a GUID/);
    expect(run.stderr).toMatch(/BOT_DOMAIN must be a host name without a scheme/);
    expect(existsSync(run.out)).toBe(false);
  });
});
