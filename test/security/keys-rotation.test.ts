import { protectedCprOf } from '../../cases/case';
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Cpr } from '../../cases/cpr';
import { cprProtection, type CprKeys } from '../../cases/cpr-protection';
import { keyIdOf } from '../../cases/key-check';
import { reencryptStore } from '../../cases/key-rotation';
import type { StorageChoice } from '../../storage';
import { openCiphertexts } from '../../storage/ciphertexts';
import { rotateDataKey } from '../../storage/key-rotation';
import { aCase } from '../support/case-builder';
import { describeEachBackend, openStores } from '../support/storage-backends';
import { startTestApp } from '../support/test-app';

const cprs = ['0101901234', '0202802345', '0303703456'] as [Cpr, Cpr, Cpr];
const keys = (): CprKeys => ({
  dataEncryptionKey: randomBytes(32),
  lookupHmacKey: randomBytes(32),
});
const envOf = (k: CprKeys) => ({
  DATA_ENCRYPTION_KEY: k.dataEncryptionKey.toString('base64'),
  LOOKUP_HMAC_KEY: k.lookupHmacKey.toString('base64'),
});

/** A store that the bot started on once with `old`, holding three cases and an open chat. */
async function storeWithData(where: StorageChoice, old: CprKeys): Promise<string[]> {
  await (await startTestApp(where, envOf(old))).close();
  const stores = await openStores(where);
  const protection = cprProtection(old);
  const numbers: string[] = [];
  for (const cpr of cprs) {
    const value = aCase({
      subject: {
        cprEncrypted: protection.encrypt(cpr),
        cprHash: protection.hash(cpr),
        cprMasked: `${cpr.slice(0, 6)}-****`,
      },
    });
    await stores.cases.create(value, []);
    numbers.push(value.caseNumber);
  }
  const answers = { cpr: { cprEncrypted: protection.encrypt(cprs[0]), cprMasked: 'x' } };
  await stores.chats.put('chat-1', { flow: { answers } });
  await stores.storage.close();
  return numbers;
}

async function decryptedCprs(where: StorageChoice, k: CprKeys, numbers: string[]) {
  const stores = await openStores(where);
  const protection = cprProtection(k);
  const found = await Promise.all(numbers.map((n) => stores.cases.get(n as never)));
  const chat = await stores.chats.get('chat-1');
  await stores.storage.close();
  const inChat = (chat?.value as { flow: { answers: { cpr: { cprEncrypted: never } } } }).flow
    .answers.cpr.cprEncrypted;
  return [
    ...found.map((c) => protection.decrypt(protectedCprOf(c!)!.cprEncrypted)),
    protection.decrypt(inChat),
  ];
}

const startsWith = async (where: StorageChoice, k: CprKeys) => {
  const app = await startTestApp(where, envOf(k));
  await app.close();
};

describeEachBackend('npm run rotate-keys', (backend) => {
  it('re-encrypts every case and open chat under the new key id and moves the key check', async () => {
    const where = backend.fresh();
    const [old, next] = [keys(), keys()];
    next.lookupHmacKey = old.lookupHmacKey;
    const numbers = await storeWithData(where, old);
    const outcome = await rotateDataKey(where, old.dataEncryptionKey, next.dataEncryptionKey);
    expect(outcome).toEqual({
      kind: 'rotated',
      cases: 3,
      chats: 1,
      keyId: keyIdOf(next.dataEncryptionKey),
    });
    expect(await decryptedCprs(where, next, numbers)).toEqual([...cprs, cprs[0]]);
    await expect(startsWith(where, next)).resolves.toBeUndefined();
    await expect(startsWith(where, old)).rejects.toThrow(/DATA_ENCRYPTION_KEY/);
  });

  it('does nothing more when run again', async () => {
    const where = backend.fresh();
    const [old, next] = [keys(), keys()];
    await storeWithData(where, old);
    await rotateDataKey(where, old.dataEncryptionKey, next.dataEncryptionKey);
    const again = await rotateDataKey(where, old.dataEncryptionKey, next.dataEncryptionKey);
    expect(again).toMatchObject({ kind: 'rotated', cases: 0, chats: 0 });
  });

  it('finishes the work a crash half way left, when run again', async () => {
    const where = backend.fresh();
    const [old, next] = [keys(), keys()];
    next.lookupHmacKey = old.lookupHmacKey;
    const numbers = await storeWithData(where, old);
    const opened = await openCiphertexts(where);
    let writes = 0;
    const crashing = {
      underKey: opened.ciphertexts.underKey.bind(opened.ciphertexts),
      replace: async (...args: Parameters<typeof opened.ciphertexts.replace>) => {
        if (++writes > 1) throw new Error('killed');
        return opened.ciphertexts.replace(...args);
      },
    };
    const rotation = {
      from: cprProtection(old),
      fromKeyId: keyIdOf(old.dataEncryptionKey),
      to: cprProtection(next),
    };
    await expect(reencryptStore(crashing, rotation)).rejects.toThrow('killed');
    await opened.close();
    const outcome = await rotateDataKey(where, old.dataEncryptionKey, next.dataEncryptionKey);
    expect(outcome).toMatchObject({ kind: 'rotated', cases: 2, chats: 1 });
    expect(await decryptedCprs(where, next, numbers)).toEqual([...cprs, cprs[0]]);
  });

  it('refuses an old key that is not the key of the stored data, changing nothing', async () => {
    const where = backend.fresh();
    const [old, next, other] = [keys(), keys(), keys()];
    const numbers = await storeWithData(where, old);
    const outcome = await rotateDataKey(where, other.dataEncryptionKey, next.dataEncryptionKey);
    expect(outcome).toMatchObject({ kind: 'refused' });
    expect(await decryptedCprs(where, old, numbers)).toEqual([...cprs, cprs[0]]);
  });

  it('runs as the npm script from the environment', async () => {
    const where = backend.fresh();
    const [old, next] = [keys(), keys()];
    await storeWithData(where, old);
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', 'scripts/rotate-keys.ts'],
      {
        cwd: path.resolve(__dirname, '../..'),
        env: {
          PATH: process.env.PATH ?? '',
          DATA_DIR: where.dataDir,
          MONGODB_URI: where.mongodbUri ?? '',
          MONGODB_DATABASE: where.mongodbDatabase ?? '',
          OLD_DATA_ENCRYPTION_KEY: old.dataEncryptionKey.toString('base64'),
          NEW_DATA_ENCRYPTION_KEY: next.dataEncryptionKey.toString('base64'),
        },
      },
    );
    expect(stdout).toContain(
      `3 case(s) and 1 open chat(s) now use key id ${keyIdOf(next.dataEncryptionKey)}`,
    );
  }, 30000);
});
