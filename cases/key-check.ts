import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { CprKeys } from './cpr-protection';

/** The fixed text each key's check value is an HMAC of; the value never reveals the key. */
const CHECK_CONSTANT = 'unilogin-bot:key-check:v1';

const keyEntrySchema = z.strictObject({
  keyId: z.string().regex(/^[0-9a-f]{12}$/),
  check: z.string().regex(/^[0-9a-f]{64}$/),
});

/** What the store keeps to recognise the keys its data was written with. */
export const keyCheckSchema = z.strictObject({
  dataEncryptionKey: keyEntrySchema,
  lookupHmacKey: keyEntrySchema,
});
export type KeyCheck = z.infer<typeof keyCheckSchema>;
type KeyEntry = z.infer<typeof keyEntrySchema>;

/** The environment variable each key comes from, for messages that tell the operator. */
export const keyVariables = {
  dataEncryptionKey: 'DATA_ENCRYPTION_KEY',
  lookupHmacKey: 'LOOKUP_HMAC_KEY',
} as const;
export type KeyName = keyof typeof keyVariables;

/** A key's id: the one `cprProtection` writes on every ciphertext. */
export function keyIdOf(key: Buffer): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 12);
}

/** One key's id and check value. */
export function keyEntryOf(key: Buffer): KeyEntry {
  return {
    keyId: keyIdOf(key),
    check: createHmac('sha256', key).update(CHECK_CONSTANT).digest('hex'),
  };
}

/** The check value of both keys. */
export function keyCheckOf(keys: CprKeys): KeyCheck {
  return {
    dataEncryptionKey: keyEntryOf(keys.dataEncryptionKey),
    lookupHmacKey: keyEntryOf(keys.lookupHmacKey),
  };
}

/** True when two entries name the same key. */
export function sameKey(a: KeyEntry, b: KeyEntry): boolean {
  return a.keyId === b.keyId && timingSafeEqual(Buffer.from(a.check), Buffer.from(b.check));
}

/** The keys that differ from the ones the stored check was made with; empty when all match. */
export function mismatchedKeys(stored: KeyCheck, keys: CprKeys): KeyName[] {
  const given = keyCheckOf(keys);
  return (Object.keys(keyVariables) as KeyName[]).filter(
    (name) => !sameKey(stored[name], given[name]),
  );
}

/** Why the bot refuses to start with these keys, and what the operator can do. */
export function keyMismatchMessage(names: readonly KeyName[], stored: KeyCheck): string {
  const which = names
    .map((name) => `${keyVariables[name]} (the stored data uses key id ${stored[name].keyId})`)
    .join(' and ');
  return (
    `${which} does not match the key the stored data was written with. ` +
    'Start with the keys used before (in local mode: restore DATA_DIR/local-secrets.json), ' +
    'or change keys only with `npm run rotate-keys` (see "Keys" in the README).'
  );
}
