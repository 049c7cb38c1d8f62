import path from 'node:path';
import Database from 'better-sqlite3';
import { MongoClient } from 'mongodb';
import type { CiphertextStore } from '../cases/key-rotation';
import type { StorageChoice } from './index';
import { MongoCiphertexts, type CaseCiphertext } from './mongo/mongo-ciphertexts';
import { SqliteCiphertexts } from './sqlite/sqlite-ciphertexts';

/** The case ciphertexts of a store, on a connection of their own, for a key rotation. */
export async function openCiphertexts(
  choice: StorageChoice,
): Promise<{ ciphertexts: CiphertextStore; close(): Promise<void> }> {
  if (choice.mongodbUri) {
    const client = await MongoClient.connect(choice.mongodbUri, { serverSelectionTimeoutMS: 3000 });
    const cases = client.db(choice.mongodbDatabase).collection<CaseCiphertext>('cases');
    return { ciphertexts: new MongoCiphertexts(cases), close: () => client.close() };
  }
  const db = new Database(path.join(choice.dataDir, 'unilogin-bot.sqlite'), {
    fileMustExist: true,
  });
  db.pragma('busy_timeout = 5000');
  return { ciphertexts: new SqliteCiphertexts(db), close: async () => void db.close() };
}
