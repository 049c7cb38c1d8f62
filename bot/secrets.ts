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

/**
 * The keys from the environment; in local mode, a missing key is generated once and kept in
 * DATA_DIR (mode 600) so that what was encrypted yesterday can still be read today.
 */
export function resolveSecrets(env: Env): Secrets {
  if (env.DATA_ENCRYPTION_KEY && env.LOOKUP_HMAC_KEY) {
    return fromBase64(env.DATA_ENCRYPTION_KEY, env.LOOKUP_HMAC_KEY);
  }
  if (!env.BOT_LOCAL_MODE) throw new Error('secrets are required outside local mode');
  const file = path.join(env.DATA_DIR, FILE_NAME);
  const stored = readOrCreate(file);
  return fromBase64(
    env.DATA_ENCRYPTION_KEY ?? stored.DATA_ENCRYPTION_KEY,
    env.LOOKUP_HMAC_KEY ?? stored.LOOKUP_HMAC_KEY,
  );
}

function readOrCreate(file: string): z.infer<typeof storedSchema> {
  if (fs.existsSync(file)) return storedSchema.parse(JSON.parse(fs.readFileSync(file, 'utf8')));
  fs.mkdirSync(path.dirname(file), { recursive: true });
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
