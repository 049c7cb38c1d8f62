import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { envSchema } from '../../bot/config';
import { root } from './support';

const read = (file: string) => readFileSync(resolve(root, file), 'utf8');

/** The names an env file sets (`NAME=…` lines), as the Agents Toolkit reads them. */
function namesIn(envFile: string): string[] {
  return [...read(envFile).matchAll(/^([A-Za-z_][A-Za-z0-9_]*)=/gm)].map((m) => m[1] ?? '');
}

/** The `${{NAME}}` placeholders a Toolkit file uses, each once. */
function placeholdersIn(file: string): string[] {
  return [...new Set([...read(file).matchAll(/\$\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1] ?? ''))];
}

const configNames = Object.keys(envSchema.shape);
const examples = {
  dev: { envFile: 'env/.env.dev.example', project: 'm365agents.yml' },
  local: { envFile: 'env/.env.local.example', project: 'm365agents.local.yml' },
};

describe.each(Object.entries(examples))('the %s environment example', (_name, files) => {
  it('names every variable bot/config.ts reads, so that the example cannot drift', () => {
    const missing = configNames.filter((name) => !namesIn(files.envFile).includes(name));
    expect(missing).toEqual([]);
  });

  it('names each variable once', () => {
    const names = namesIn(files.envFile);
    expect(names.filter((name, i) => names.indexOf(name) !== i)).toEqual([]);
  });

  it('defines every placeholder of its project file and of the manifest (secrets are written)', () => {
    const used = [...placeholdersIn(files.project), ...placeholdersIn('appPackage/manifest.json')];
    const undefinedNames = used.filter(
      (name) => !name.startsWith('SECRET_') && !namesIn(files.envFile).includes(name),
    );
    expect(undefinedNames).toEqual([]);
  });

  it('holds no secret value: secrets are Key Vault references or empty', () => {
    const secrets =
      /^(MicrosoftAppPassword|DATA_ENCRYPTION_KEY|LOOKUP_HMAC_KEY|SMTP_URL|MONGODB_URI|METRICS_TOKEN)=(.*)$/gm;
    for (const [, name, value] of read(files.envFile).matchAll(secrets)) {
      expect([name, value]).toEqual([
        name,
        expect.stringMatching(/^(|@Microsoft\.KeyVault\(.*\))$/),
      ]);
    }
  });
});

describe('m365agents.local.yml', () => {
  it("writes every variable of bot/config.ts into the bot's .localConfigs", () => {
    const text = read('m365agents.local.yml');
    const envs = text.slice(text.indexOf('target: ./.localConfigs'));
    const written = [...envs.matchAll(/^\s+(\w+): \$\{\{/gm)].map((m) => m[1]);
    expect(configNames.filter((name) => !written.includes(name))).toEqual([]);
  });
});

describe('.gitignore', () => {
  const ignored = (file: string) =>
    spawnSync('git', ['check-ignore', '-q', '--no-index', file], { cwd: root }).status === 0;

  it.each([
    'env/.env.dev',
    'env/.env.dev.user',
    'env/.env.local',
    'env/.env.local.user',
    '.localConfigs',
    'appPackage/build/appPackage.dev.zip',
  ])('ignores %s, which holds ids, secrets or build output', (file) => {
    expect(ignored(file)).toBe(true);
  });

  it.each(['env/.env.dev.example', 'env/.env.local.example', 'appPackage/manifest.json'])(
    'keeps %s tracked',
    (file) => {
      expect(ignored(file)).toBe(false);
    },
  );
});
