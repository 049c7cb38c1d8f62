import { randomBytes } from 'node:crypto';
import type { Cpr } from '../../cases/cpr';
import { cprProtection, type EncryptedCpr } from '../../cases/cpr-protection';

const CPR = '0101901234' as Cpr;
const OTHER_CPR = '0101901238' as Cpr;

const keys = () => ({ dataEncryptionKey: randomBytes(32), lookupHmacKey: randomBytes(32) });

/** Flips one bit of a base64 field. */
function flipBit(base64: string, byte = 0): string {
  const bytes = Buffer.from(base64, 'base64');
  bytes[byte] = (bytes[byte] ?? 0) ^ 0x01;
  return bytes.toString('base64');
}

/** Every run of `length` consecutive characters of the CPR, in its two written forms. */
function cprRuns(cpr: string, length: number): string[] {
  const forms = [cpr, `${cpr.slice(0, 6)}-${cpr.slice(6)}`];
  return forms.flatMap((form) =>
    Array.from({ length: form.length - length + 1 }, (_, i) => form.slice(i, i + length)),
  );
}

describe('cprProtection', () => {
  it('decrypts what it encrypted', () => {
    const protection = cprProtection(keys());
    expect(protection.decrypt(protection.encrypt(CPR))).toBe(CPR);
  });

  it('decrypts with a second instance built from the same keys', () => {
    const same = keys();
    const encrypted = cprProtection(same).encrypt(CPR);
    expect(cprProtection(same).decrypt(encrypted)).toBe(CPR);
  });

  it('encrypts the same CPR differently each time, with a fresh nonce', () => {
    const protection = cprProtection(keys());
    const first = protection.encrypt(CPR);
    const second = protection.encrypt(CPR);
    expect(second.nonce).not.toBe(first.nonce);
    expect(second.ciphertext).not.toBe(first.ciphertext);
    expect(Buffer.from(first.nonce, 'base64')).toHaveLength(12);
    expect(protection.decrypt(first)).toBe(CPR);
    expect(protection.decrypt(second)).toBe(CPR);
  });

  it('names the key without revealing it', () => {
    const k = keys();
    const encrypted = cprProtection(k).encrypt(CPR);
    expect(encrypted.keyId).toMatch(/^[0-9a-f]{12}$/);
    expect(k.dataEncryptionKey.toString('hex')).not.toContain(encrypted.keyId);
    expect(JSON.stringify(encrypted)).not.toContain(k.dataEncryptionKey.toString('base64'));
  });

  it('hashes equal CPR numbers to the same value', () => {
    const k = keys();
    expect(cprProtection(k).hash(CPR)).toBe(cprProtection(k).hash(CPR));
    expect(cprProtection(k).hash(CPR)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('hashes different CPR numbers to different values', () => {
    const protection = cprProtection(keys());
    expect(protection.hash(OTHER_CPR)).not.toBe(protection.hash(CPR));
  });

  it('hashes the same CPR differently under a different HMAC key', () => {
    const k = keys();
    const otherHmac = { ...k, lookupHmacKey: randomBytes(32) };
    expect(cprProtection(otherHmac).hash(CPR)).not.toBe(cprProtection(k).hash(CPR));
  });

  it('keys the hash only by the HMAC key, not the encryption key', () => {
    const k = keys();
    const otherEncryption = { ...k, dataEncryptionKey: randomBytes(32) };
    expect(cprProtection(otherEncryption).hash(CPR)).toBe(cprProtection(k).hash(CPR));
  });

  it('refuses a ciphertext with a flipped bit', () => {
    const protection = cprProtection(keys());
    const encrypted = protection.encrypt(CPR);
    expect(() =>
      protection.decrypt({ ...encrypted, ciphertext: flipBit(encrypted.ciphertext) }),
    ).toThrow();
  });

  it('refuses a tag with a flipped bit', () => {
    const protection = cprProtection(keys());
    const encrypted = protection.encrypt(CPR);
    expect(() => protection.decrypt({ ...encrypted, tag: flipBit(encrypted.tag, 15) })).toThrow();
  });

  it('refuses a nonce with a flipped bit', () => {
    const protection = cprProtection(keys());
    const encrypted = protection.encrypt(CPR);
    expect(() => protection.decrypt({ ...encrypted, nonce: flipBit(encrypted.nonce) })).toThrow();
  });

  it('refuses a tag cut short to 4 bytes', () => {
    const protection = cprProtection(keys());
    const encrypted = protection.encrypt(CPR);
    const shortTag = Buffer.from(encrypted.tag, 'base64').subarray(0, 4).toString('base64');
    expect(() => protection.decrypt({ ...encrypted, tag: shortTag })).toThrow();
  });

  it('refuses the ciphertext of another encryption under this one’s nonce and tag', () => {
    const protection = cprProtection(keys());
    const first = protection.encrypt(CPR);
    const second = protection.encrypt(OTHER_CPR);
    expect(() => protection.decrypt({ ...first, ciphertext: second.ciphertext })).toThrow();
  });

  it('refuses a CPR encrypted under another key', () => {
    const encrypted = cprProtection(keys()).encrypt(CPR);
    expect(() => cprProtection(keys()).decrypt(encrypted)).toThrow(/unknown key/);
  });

  it('refuses a CPR encrypted under another key even when the key id is forged', () => {
    const mine = cprProtection(keys());
    const foreign: EncryptedCpr = {
      ...cprProtection(keys()).encrypt(CPR),
      keyId: mine.encrypt(CPR).keyId,
    };
    expect(() => mine.decrypt(foreign)).toThrow();
  });

  it('refuses keys that are not 32 bytes', () => {
    expect(() => cprProtection({ ...keys(), dataEncryptionKey: randomBytes(16) })).toThrow(
      /32 bytes/,
    );
    expect(() => cprProtection({ ...keys(), lookupHmacKey: randomBytes(31) })).toThrow(/32 bytes/);
  });

  it('keeps no run of six consecutive CPR characters in the JSON of an encrypted CPR', () => {
    const protection = cprProtection(keys());
    // Many encryptions, so that a digit run could not be missed by luck.
    for (let i = 0; i < 200; i += 1) {
      const json = JSON.stringify(protection.encrypt(CPR));
      for (const run of cprRuns(CPR, 6)) expect(json).not.toContain(run);
    }
  });

  it('keeps neither written form of the CPR in the JSON of an encrypted CPR', () => {
    const json = JSON.stringify(cprProtection(keys()).encrypt(CPR));
    expect(json).not.toContain('0101901234');
    expect(json).not.toContain('010190-1234');
    expect(json).not.toContain('010190');
  });
});
