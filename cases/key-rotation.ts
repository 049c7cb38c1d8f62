import { encryptedCprSchema } from './case';
import type { CprProtection, EncryptedCpr } from './cpr-protection';

/** One stored CPR ciphertext and where it is kept. */
export interface StoredCiphertext {
  id: string;
  encrypted: EncryptedCpr;
}

/** Where cases keep their CPR ciphertexts, as a key rotation needs them. */
export interface CiphertextStore {
  /** Up to `limit` ciphertexts written under `keyId`. */
  underKey(keyId: string, limit: number): Promise<StoredCiphertext[]>;
  /** Writes `next` only while `previous` is stored; false when it changed meanwhile. */
  replace(id: string, previous: EncryptedCpr, next: EncryptedCpr): Promise<boolean>;
}

/** The keys a rotation moves from and to. */
export interface Rotation {
  from: CprProtection;
  fromKeyId: string;
  to: CprProtection;
}

/** The ciphertext under the new key, or undefined when it is not under the old one. */
export function reencrypt(encrypted: EncryptedCpr, rotation: Rotation): EncryptedCpr | undefined {
  if (encrypted.keyId !== rotation.fromKeyId) return undefined;
  return rotation.to.encrypt(rotation.from.decrypt(encrypted));
}

/**
 * Re-encrypts every ciphertext under the old key, a page at a time; each write is conditional,
 * so a crash or a second run only finds what is left. Returns how many were re-encrypted.
 */
export async function reencryptStore(store: CiphertextStore, rotation: Rotation): Promise<number> {
  let done = 0;
  for (;;) {
    const page = await store.underKey(rotation.fromKeyId, 100);
    let progress = 0;
    for (const { id, encrypted } of page) {
      const next = reencrypt(encrypted, rotation);
      if (next && (await store.replace(id, encrypted, next))) progress++;
    }
    done += progress;
    if (page.length === 0 || progress === 0) return done;
  }
}

/**
 * A copy of any stored value (a chat's conversation, say) with every ciphertext under the
 * old key re-encrypted; undefined when it holds none.
 */
export function reencryptWithin(value: unknown, rotation: Rotation): unknown {
  const parsed = encryptedCprSchema.safeParse(value);
  if (parsed.success) return reencrypt(parsed.data, rotation);
  if (typeof value !== 'object' || value === null) return undefined;
  let changed = false;
  const copy: unknown = Array.isArray(value) ? [...value] : { ...value };
  for (const [key, inner] of Object.entries(value)) {
    const next = reencryptWithin(inner, rotation);
    if (next !== undefined) {
      (copy as Record<string, unknown>)[key] = next;
      changed = true;
    }
  }
  return changed ? copy : undefined;
}
