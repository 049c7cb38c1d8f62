import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { keyCheckOf } from '../../cases/key-check';
import { checkStoredKeys } from '../../storage/key-check';
import { KEY_CHECK_KEY } from '../../storage/settings';
import { describeEachBackend, openStores } from '../support/storage-backends';
import { startTestApp } from '../support/test-app';
import type { StorageChoice } from '../../storage';

const newKey = () => randomBytes(32).toString('base64');
const keysEnv = (data = newKey(), lookup = newKey()) => ({
  DATA_ENCRYPTION_KEY: data,
  LOOKUP_HMAC_KEY: lookup,
});

async function startAndStop(where: StorageChoice, env: Record<string, string> = {}) {
  const app = await startTestApp(where, env);
  await app.close();
}

describeEachBackend('the key check', (backend) => {
  it('is stored on the first start, as key ids and check values but never the keys', async () => {
    const where = backend.fresh();
    const env = keysEnv();
    await startAndStop(where, env);
    const stores = await openStores(where);
    const stored = await stores.settings.get(KEY_CHECK_KEY);
    await stores.storage.close();
    expect(stored?.value.dataEncryptionKey.keyId).toMatch(/^[0-9a-f]{12}$/);
    expect(JSON.stringify(stored)).not.toContain(env.DATA_ENCRYPTION_KEY);
    expect(JSON.stringify(stored)).not.toContain(env.LOOKUP_HMAC_KEY);
  });

  it('lets a restart with the same keys start', async () => {
    const where = backend.fresh();
    const env = keysEnv();
    await startAndStop(where, env);
    await expect(startAndStop(where, env)).resolves.toBeUndefined();
  });

  it('refuses a restart with another DATA_ENCRYPTION_KEY, naming that key and what to do', async () => {
    const where = backend.fresh();
    const env = keysEnv();
    await startAndStop(where, env);
    const wrong = { ...env, DATA_ENCRYPTION_KEY: newKey() };
    await expect(startAndStop(where, wrong)).rejects.toThrow(
      /^DATA_ENCRYPTION_KEY \(the stored data uses key id [0-9a-f]{12}\) does not match.*rotate-keys/,
    );
  });

  it('refuses a restart with another LOOKUP_HMAC_KEY, naming only that key', async () => {
    const where = backend.fresh();
    const env = keysEnv();
    await startAndStop(where, env);
    const error = await startAndStop(where, { ...env, LOOKUP_HMAC_KEY: newKey() }).catch(
      (e: unknown) => e as Error,
    );
    expect(String(error)).toMatch(/LOOKUP_HMAC_KEY .* does not match/);
    expect(String(error)).not.toMatch(/DATA_ENCRYPTION_KEY \(/);
  });

  it('never generates new local keys over existing data when local-secrets.json is gone', async () => {
    const where = backend.fresh();
    await startAndStop(where);
    const secrets = path.join(where.dataDir, 'local-secrets.json');
    fs.rmSync(secrets);
    await expect(startAndStop(where)).rejects.toThrow(/local-secrets\.json is missing/);
    expect(fs.existsSync(secrets)).toBe(false);
  });

  it('stores one check when two instances start at once with different keys', async () => {
    const where = backend.fresh();
    const keys = () => ({ dataEncryptionKey: randomBytes(32), lookupHmacKey: randomBytes(32) });
    const [a, b] = [keys(), keys()];
    const stores = await openStores(where);
    try {
      const outcomes = await Promise.all([checkStoredKeys(stores, a), checkStoredKeys(stores, b)]);
      const kinds = outcomes.map((o) => o.kind).sort();
      expect(kinds).toEqual(['firstStart', 'mismatch']);
      const stored = await stores.settings.get(KEY_CHECK_KEY);
      const winner = outcomes[0].kind === 'firstStart' ? a : b;
      expect(stored?.value).toEqual(keyCheckOf(winner));
    } finally {
      await stores.storage.close();
    }
  });
});

describe('the production start with other keys', () => {
  it('exits non-zero with the message, so /readyz never answers', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'unilogin-keys-'));
    const env = keysEnv();
    await startAndStop({ dataDir }, env);
    const child = spawn(process.execPath, ['--import', 'tsx', 'bot/main.ts'], {
      cwd: path.resolve(__dirname, '../..'),
      env: {
        PATH: process.env.PATH ?? '',
        BOT_LOCAL_MODE: 'true',
        PORT: '0',
        DATA_DIR: dataDir,
        ...env,
        DATA_ENCRYPTION_KEY: newKey(),
      },
    });
    let output = '';
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    fs.rmSync(dataDir, { recursive: true, force: true });
    expect(code).toBe(1);
    expect(output).toMatch(/could not start: DATA_ENCRYPTION_KEY .* does not match/);
    expect(output).not.toMatch(/bot listening/);
  }, 30000);
});
