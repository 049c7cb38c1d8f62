import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes } from 'node:crypto';
import type { z } from 'zod';
import type { encryptedCprSchema } from './case';
import type { Cpr } from './cpr';

/** A CPR number encrypted at rest. */
export type EncryptedCpr = z.infer<typeof encryptedCprSchema>;

/** How CPR numbers are kept: encrypted (AES-256-GCM) and looked up by a keyed hash. */
export interface CprProtection {
  encrypt(cpr: Cpr): EncryptedCpr;
  decrypt(encrypted: EncryptedCpr): Cpr;
  /** HMAC-SHA256 of the normalised CPR, hex; a plain hash of a CPR is trivially brute-forced. */
  hash(cpr: Cpr): string;
}

/** The two keys, 32 bytes each, from configuration. */
export interface CprKeys {
  dataEncryptionKey: Buffer;
  lookupHmacKey: Buffer;
}

const AAD = Buffer.from('unilogin-bot:cpr:v1');
const TAG_BYTES = 16;

/** Builds the protection from the configured keys. */
export function cprProtection(keys: CprKeys): CprProtection {
  if (keys.dataEncryptionKey.length !== 32 || keys.lookupHmacKey.length !== 32) {
    throw new Error('CPR keys must be 32 bytes each');
  }
  // Names the key without revealing it, so that a later key rotation knows what to re-encrypt.
  const keyId = createHash('sha256').update(keys.dataEncryptionKey).digest('hex').slice(0, 12);
  return {
    encrypt(cpr) {
      const nonce = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', keys.dataEncryptionKey, nonce).setAAD(AAD);
      const ciphertext = Buffer.concat([cipher.update(cpr, 'utf8'), cipher.final()]);
      return {
        keyId,
        nonce: nonce.toString('base64'),
        ciphertext: ciphertext.toString('base64'),
        tag: cipher.getAuthTag().toString('base64'),
      };
    },
    decrypt(encrypted) {
      if (encrypted.keyId !== keyId) {
        throw new Error(`CPR encrypted under unknown key ${encrypted.keyId}`);
      }
      const tag = Buffer.from(encrypted.tag, 'base64');
      // GCM would otherwise accept a tag cut short to 4 bytes, and a 32-bit forgery with it.
      if (tag.length !== TAG_BYTES) throw new Error('CPR authentication tag has the wrong length');
      const decipher = createDecipheriv(
        'aes-256-gcm',
        keys.dataEncryptionKey,
        Buffer.from(encrypted.nonce, 'base64'),
        { authTagLength: TAG_BYTES },
      ).setAAD(AAD);
      decipher.setAuthTag(tag);
      const plain = Buffer.concat([
        decipher.update(Buffer.from(encrypted.ciphertext, 'base64')),
        decipher.final(),
      ]);
      return plain.toString('utf8') as Cpr;
    },
    hash(cpr) {
      return createHmac('sha256', keys.lookupHmacKey).update(cpr).digest('hex');
    },
  };
}
