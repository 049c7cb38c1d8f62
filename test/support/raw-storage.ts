import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { MongoClient } from 'mongodb';
import type { StorageChoice } from '../../storage';

/** Everything a storage location holds, read raw (not through the app), as one string. */
export async function rawStoredData(location: StorageChoice): Promise<string> {
  if (location.mongodbUri) {
    const client = await MongoClient.connect(location.mongodbUri);
    try {
      const db = client.db(location.mongodbDatabase);
      const parts: string[] = [];
      for (const { name } of await db.listCollections().toArray()) {
        parts.push(JSON.stringify(await db.collection(name).find({}).toArray()));
      }
      return parts.join('\n');
    } finally {
      await client.close();
    }
  }
  const file = path.join(location.dataDir, 'unilogin-bot.sqlite');
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as {
      name: string;
    }[];
    const rows = tables.map(({ name }) =>
      JSON.stringify(db.prepare(`SELECT * FROM "${name}"`).all()),
    );
    const files = fs
      .readdirSync(location.dataDir)
      .filter((f) => f.startsWith('unilogin-bot.sqlite'))
      .map((f) => fs.readFileSync(path.join(location.dataDir, f)).toString('latin1'));
    return [...rows, ...files].join('\n');
  } finally {
    db.close();
  }
}
