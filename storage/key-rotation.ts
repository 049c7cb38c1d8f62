import { cprProtection } from '../cases/cpr-protection';
import { keyEntryOf, sameKey } from '../cases/key-check';
import { reencryptStore, reencryptWithin, type Rotation } from '../cases/key-rotation';
import { openCiphertexts } from './ciphertexts';
import { openStores, type StorageChoice, type Stores } from './index';
import { KEY_CHECK_KEY } from './settings';

/** What a rotation of the data key did, or why it did nothing. */
export type RotationOutcome =
  | { kind: 'rotated'; cases: number; chats: number; keyId: string }
  | { kind: 'refused'; reason: string };

/**
 * Moves every stored CPR ciphertext from the old data key to the new one, then the key check.
 * Safe to run again after a crash: what is done already is not under the old key any more,
 * and the check moves last, so a bot with the old key refuses to start only once all is done.
 */
export async function rotateDataKey(
  choice: StorageChoice,
  oldKey: Buffer,
  newKey: Buffer,
): Promise<RotationOutcome> {
  const stores = await openStores(choice);
  const opened = await openCiphertexts(choice);
  try {
    const stored = await stores.settings.get(KEY_CHECK_KEY);
    if (!stored) {
      return refused('the store holds no key check: start the bot once with its current keys');
    }
    const [before, after] = [keyEntryOf(oldKey), keyEntryOf(newKey)];
    const current = stored.value.dataEncryptionKey;
    if (!sameKey(current, before) && !sameKey(current, after)) {
      return refused(
        `OLD_DATA_ENCRYPTION_KEY is not the key of the stored data (key id ${current.keyId})`,
      );
    }
    // The lookup key takes no part in encryption; each protection needs one, so it gets its own.
    const rotation: Rotation = {
      from: cprProtection({ dataEncryptionKey: oldKey, lookupHmacKey: oldKey }),
      fromKeyId: before.keyId,
      to: cprProtection({ dataEncryptionKey: newKey, lookupHmacKey: newKey }),
    };
    const cases = await reencryptStore(opened.ciphertexts, rotation);
    const chats = await reencryptChats(stores, rotation);
    if (!sameKey(current, after)) {
      const next = { ...stored.value, dataEncryptionKey: after };
      const written = await stores.settings.put(KEY_CHECK_KEY, next, stored.version);
      if (!written.ok) return refused('the key check changed while rotating: run it again');
    }
    return { kind: 'rotated', cases, chats, keyId: after.keyId };
  } finally {
    await opened.close();
    await stores.storage.close();
  }
}

/** Open conversations hold the CPR they asked for; each is rewritten over the version read. */
async function reencryptChats(stores: Stores, rotation: Rotation): Promise<number> {
  let done = 0;
  for (let pass = 0; pass < 5; pass++) {
    let missed = 0;
    for (const chat of await stores.chats.find({})) {
      const next = reencryptWithin(chat.value, rotation) as Record<string, unknown> | undefined;
      if (!next) continue;
      const written = await stores.chats.put(chat.key, next, chat.version);
      if (written.ok) done++;
      else missed++;
    }
    if (missed === 0) return done;
  }
  throw new Error('chats kept changing while rotating: stop the bot and run it again');
}

function refused(reason: string): RotationOutcome {
  return { kind: 'refused', reason };
}
