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

/** How many jobs a case still waits for, read raw from another process's store. */
export async function pendingJobs(location: StorageChoice, caseNumber: string): Promise<number> {
  if (location.mongodbUri) {
    const client = await MongoClient.connect(location.mongodbUri);
    try {
      const found = await client
        .db(location.mongodbDatabase)
        .collection<{ _id: string; jobs?: unknown[] }>('cases')
        .findOne({ _id: caseNumber });
      return found?.jobs?.length ?? 0;
    } finally {
      await client.close();
    }
  }
  const db = new Database(path.join(location.dataDir, 'unilogin-bot.sqlite'), { readonly: true });
  try {
    const row = db.prepare('SELECT count(*) AS n FROM jobs WHERE case_number = ?').get(caseNumber);
    return (row as { n: number }).n;
  } finally {
    db.close();
  }
}

/** The cases one requester filed and where their cards went, read raw from the store. */
export async function storedCasesOf(
  location: StorageChoice,
  requesterId: string,
): Promise<{ caseNumber: string; threadActivityId?: string }[]> {
  if (location.mongodbUri) {
    const client = await MongoClient.connect(location.mongodbUri);
    try {
      const found = await client
        .db(location.mongodbDatabase)
        .collection<{ _id: string; thread?: { activityId: string } }>('cases')
        .find({ 'requester.aadObjectId': requesterId })
        .toArray();
      return found.map((c) => ({ caseNumber: c._id, threadActivityId: c.thread?.activityId }));
    } finally {
      await client.close();
    }
  }
  const db = new Database(path.join(location.dataDir, 'unilogin-bot.sqlite'), { readonly: true });
  try {
    const rows = db
      .prepare('SELECT case_number, thread FROM cases WHERE requester_id = ?')
      .all(requesterId) as { case_number: string; thread: string | null }[];
    return rows.map((row) => ({
      caseNumber: row.case_number,
      threadActivityId: row.thread
        ? (JSON.parse(row.thread) as { activityId: string }).activityId
        : undefined,
    }));
  } finally {
    db.close();
  }
}
