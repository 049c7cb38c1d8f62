import { keyMismatchMessage } from '../cases/key-check';
import type { Stores } from '../storage';
import { checkStoredKeys, storeHoldsData } from '../storage/key-check';
import { KEY_CHECK_KEY } from '../storage/settings';
import type { Env } from './config';
import { resolveSecrets, type Secrets } from './secrets';

/** Thrown when the configured keys are not the ones the stored data was written with. */
export class KeyMismatchError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KeyMismatchError';
  }
}

/**
 * The keys, once they are known to fit the store: local mode makes none over existing data,
 * and a key that differs from the stored check stops the start with a message naming it.
 */
export async function checkedSecrets(env: Env, stores: Stores): Promise<Secrets> {
  const secrets = resolveSecrets(env, await storeHoldsData(stores));
  const outcome = await checkStoredKeys(stores, secrets);
  if (outcome.kind === 'mismatch') {
    const stored = await stores.settings.get(KEY_CHECK_KEY);
    throw new KeyMismatchError(
      stored
        ? keyMismatchMessage(outcome.keys, stored.value)
        : `${outcome.keys.join(', ')} cannot read the stored cases; start with the keys used before.`,
    );
  }
  return secrets;
}
