import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { Env } from './config';

/** The two keys that protect CPR numbers at rest. */
export interface Secrets {
  dataEncryptionKey: Buffer;
  lookupHmacKey: Buffer;
}

const storedSchema = z.strictObject({
  DATA_ENCRYPTION_KEY: z.base64(),
  LOOKUP_HMAC_KEY: z.base64(),
});

const FILE_NAME = 'local-secrets.json';

/** Thrown when local mode would have to make new keys although the store holds data. */
export class MissingLocalSecretsError extends Error {
  constructor(file: string) {
    super(
      `${file} is missing, but the store already holds data written with the keys it kept. ` +
        'New keys could not read that data, so none are generated: restore the file, or set ' +
        'DATA_ENCRYPTION_KEY and LOOKUP_HMAC_KEY to the keys used before.',
    );
    this.name = 'MissingLocalSecretsError';
  }
}

/**
 * The keys from the environment; in local mode, a missing key is generated once and kept in
 * DATA_DIR (mode 600) so that what was encrypted yesterday can still be read today. Keys are
 * never generated when `storeHoldsData`: they could not read what is stored.
 */
export function resolveSecrets(env: Env, storeHoldsData = false): Secrets {
  if (env.DATA_ENCRYPTION_KEY && env.LOOKUP_HMAC_KEY) {
    return fromBase64(env.DATA_ENCRYPTION_KEY, env.LOOKUP_HMAC_KEY);
  }
  if (!env.BOT_LOCAL_MODE) throw new Error('secrets are required outside local mode');
  const file = path.join(env.DATA_DIR, FILE_NAME);
  if (!fs.existsSync(file) && storeHoldsData) throw new MissingLocalSecretsError(file);
  const stored = readOrCreate(file);
  return fromBase64(
    env.DATA_ENCRYPTION_KEY ?? stored.DATA_ENCRYPTION_KEY,
    env.LOOKUP_HMAC_KEY ?? stored.LOOKUP_HMAC_KEY,
  );
}

function readOrCreate(file: string): z.infer<typeof storedSchema> {
  if (fs.existsSync(file)) {
    fs.chmodSync(file, 0o600);
    return storedSchema.parse(JSON.parse(fs.readFileSync(file, 'utf8')));
  }
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  fs.chmodSync(path.dirname(file), 0o700);
  const fresh = {
    DATA_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    LOOKUP_HMAC_KEY: randomBytes(32).toString('base64'),
  };
  // 'wx' refuses to overwrite a file another process has just written.
  try {
    fs.writeFileSync(file, JSON.stringify(fresh, null, 2), { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return readOrCreate(file);
    throw error;
  }
  return fresh;
}

function fromBase64(dataEncryptionKey: string, lookupHmacKey: string): Secrets {
  return {
    dataEncryptionKey: Buffer.from(dataEncryptionKey, 'base64'),
    lookupHmacKey: Buffer.from(lookupHmacKey, 'base64'),
  };
}
