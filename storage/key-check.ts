import { caseStates } from '../cases/case';
import { cprProtection, type CprKeys } from '../cases/cpr-protection';
import { keyCheckOf, mismatchedKeys, keyIdOf, type KeyName } from '../cases/key-check';
import { KEY_CHECK_KEY } from './settings';
import type { Stores } from './index';

/** How the configured keys compare with the ones the stored data was written with. */
export type KeyCheckOutcome =
  { kind: 'firstStart' } | { kind: 'matched' } | { kind: 'mismatch'; keys: KeyName[] };

type KeyStores = Pick<Stores, 'settings' | 'cases'>;

/** True when the store holds a key check or any case: keys made now could not read it. */
export async function storeHoldsData(stores: KeyStores): Promise<boolean> {
  if (await stores.settings.get(KEY_CHECK_KEY)) return true;
  return (await stores.cases.listByState(caseStates, 1)).length > 0;
}

/**
 * Compares the keys with the stored check; on the first start stores it (create-only, so that
 * two instances starting at once agree on one). Data from before the check existed is checked
 * against one stored case instead.
 */
export async function checkStoredKeys(stores: KeyStores, keys: CprKeys): Promise<KeyCheckOutcome> {
  const stored = await stores.settings.get(KEY_CHECK_KEY);
  if (stored) {
    const keysThatDiffer = mismatchedKeys(stored.value, keys);
    return keysThatDiffer.length ? { kind: 'mismatch', keys: keysThatDiffer } : { kind: 'matched' };
  }
  const fromCase = await mismatchAgainstACase(stores, keys);
  if (fromCase.length) return { kind: 'mismatch', keys: fromCase };
  const written = await stores.settings.put(KEY_CHECK_KEY, keyCheckOf(keys), 0);
  if (!written.ok) return checkStoredKeys(stores, keys);
  return { kind: 'firstStart' };
}

async function mismatchAgainstACase(stores: KeyStores, keys: CprKeys): Promise<KeyName[]> {
  const [found] = await stores.cases.listByState(caseStates, 1);
  // An erased case (retention) keeps no ciphertext to check the keys against.
  if (!found || 'erased' in found.subject) return [];
  const encrypted = found.subject.cprEncrypted;
  if (encrypted.keyId !== keyIdOf(keys.dataEncryptionKey)) return ['dataEncryptionKey'];
  const protection = cprProtection(keys);
  try {
    const cpr = protection.decrypt(encrypted);
    return protection.hash(cpr) === found.subject.cprHash ? [] : ['lookupHmacKey'];
  } catch {
    return ['dataEncryptionKey'];
  }
}
