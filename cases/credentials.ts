import { randomInt } from 'node:crypto';

/** The credentials that go into a secure mail. The password exists only there. */
export interface Credentials {
  username?: string;
  password?: string;
}

/** Makes Unilogin credentials. A real identity system can replace the built-in one. */
export interface CredentialIssuer {
  /**
   * The username of a case: reserved for it on the first call, the same one on every later
   * call (a retried mail carries the same username), and never one another case has.
   */
  usernameFor(caseNumber: string): Promise<string>;
  /** A fresh password from a cryptographic random source. */
  newPassword(): string;
}

/** Reserves usernames, so that no two cases get the same one. */
export interface UsernameRegistry {
  /** True if the username was free and is now reserved for the case. */
  claim(username: string, caseNumber: string): Promise<boolean>;
  /** The username reserved for a case, if any. */
  reservedFor(caseNumber: string): Promise<string | undefined>;
}

const LOWER = 'abcdefghijkmnopqrstuvwxyz';
const UPPER = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const DIGITS = '23456789';
const pick = (alphabet: string) => alphabet[randomInt(alphabet.length)]!;

/** The Unilogin username rule: four lowercase letters, then four digits. */
export const USERNAME_PATTERN = /^[a-z]{4}\d{4}$/;

/** A random username of the Unilogin form, e.g. `kbmt4821`. */
export function randomUsername(): string {
  const letters = Array.from({ length: 4 }, () => pick('abcdefghijklmnopqrstuvwxyz')).join('');
  const digits = Array.from({ length: 4 }, () => pick('0123456789')).join('');
  return letters + digits;
}

/**
 * A 14-character password with upper- and lowercase letters and digits (within Unilogin's
 * 8 to 24), without look-alike characters (l, I, O, 0, 1) since staff read it from a mail.
 */
export function randomPassword(length = 14): string {
  const all = LOWER + UPPER + DIGITS;
  const chars = [pick(LOWER), pick(UPPER), pick(DIGITS)];
  while (chars.length < length) chars.push(pick(all));
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j]!, chars[i]!];
  }
  return chars.join('');
}

/** The built-in issuer: random usernames reserved in a registry, random passwords. */
export function builtInIssuer(registry: UsernameRegistry): CredentialIssuer {
  return {
    async usernameFor(caseNumber) {
      const reserved = await registry.reservedFor(caseNumber);
      if (reserved) return reserved;
      for (;;) {
        const username = randomUsername();
        if (await registry.claim(username, caseNumber)) return username;
      }
    },
    newPassword: () => randomPassword(),
  };
}
