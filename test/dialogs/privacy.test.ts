import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { MongoClient } from 'mongodb';
import type { StorageChoice } from '../../storage';
import { describeEachBackend } from '../support/storage-backends';
import {
  answers,
  clearForms,
  gateInputs,
  issueCredentials,
  languages,
  useChats,
} from './chat-flows';

const CPR = '0101901234';
const MASKED = '010190-****';
const SQLITE_FILE = 'unilogin-bot.sqlite';

/** Every row of every SQLite table, as JSON. */
function sqliteRows(dataDir: string): string {
  const db = new Database(path.join(dataDir, SQLITE_FILE), { readonly: true, fileMustExist: true });
  try {
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as {
      name: string;
    }[];
    expect(tables.map((t) => t.name)).toEqual(expect.arrayContaining(['documents', 'audit']));
    return JSON.stringify(
      tables.map(({ name }) => ({ name, rows: db.prepare(`SELECT * FROM "${name}"`).all() })),
    );
  } finally {
    db.close();
  }
}

/** The bytes of the SQLite file and its journal, as text: what a copy of the disk would show. */
function sqliteBytes(dataDir: string): string {
  return fs
    .readdirSync(dataDir)
    .filter((name) => name.startsWith(SQLITE_FILE))
    .map((name) => fs.readFileSync(path.join(dataDir, name)).toString('latin1'))
    .join('\n');
}

/** Every document of every collection of the MongoDB database, as JSON. */
async function mongoDocuments(where: StorageChoice): Promise<string> {
  const client = await MongoClient.connect(where.mongodbUri!);
  try {
    const db = client.db(where.mongodbDatabase);
    const collections = await db.listCollections().toArray();
    expect(collections.map((c) => c.name)).toEqual(
      expect.arrayContaining(['cases', 'audit', 'bot_state']),
    );
    const all = [];
    for (const { name } of collections) {
      all.push({ name, documents: await db.collection(name).find().toArray() });
    }
    return JSON.stringify(all);
  } finally {
    await client.close();
  }
}

/** Everything the backend holds, as text. */
async function rawStored(where: StorageChoice): Promise<string> {
  if (where.mongodbUri) return mongoDocuments(where);
  return `${sqliteRows(where.dataDir)}\n${sqliteBytes(where.dataDir)}`;
}

function expectNoClearCpr(raw: string) {
  for (const form of clearForms(CPR)) expect(raw).not.toContain(form);
}

describeEachBackend('the CPR number at rest', (backend) => {
  const open = useChats();

  describe.each(languages)('in %s', (language) => {
    test.each(clearForms(CPR))(
      'a case filed with the CPR typed as "%s" stores it nowhere in clear text',
      async (typedCpr) => {
        const where = backend.fresh();
        const c = await open(where, language);
        await c.sendAll([...gateInputs(c), typedCpr, answers.cvr, answers.recipient]);
        await c.send({ value: { action: 'intake.confirm' } });
        expect(c.filed).toHaveLength(1);

        const raw = await rawStored(where);
        expect(raw).toContain(c.filed[0]);
        expect(raw).toContain(MASKED);
        expectNoClearCpr(raw);
      },
    );

    test('the dialog state holds no clear CPR between the CPR answer and the confirm', async () => {
      const where = backend.fresh();
      const c = await open(where, language);
      await c.sendAll(gateInputs(c));
      expect(await c.texts(CPR)).toEqual([c.t('ask.cvr')]);

      const midway = await rawStored(where);
      expect(midway).toContain(MASKED);
      expectNoClearCpr(midway);

      await c.sendAll([answers.cvr, answers.recipient]);
      const atSummary = await rawStored(where);
      expect(atSummary).toContain(MASKED);
      expectNoClearCpr(atSummary);
      expect(c.filed).toEqual([]);
    });

    test('a forgotten-login case stores no clear CPR either', async () => {
      const where = backend.fresh();
      const c = await open(where, language);
      await c.sendAll([...gateInputs(c), CPR, answers.cvr, answers.recipient, c.words.confirm]);
      const earlier = c.filed[0]!;
      await issueCredentials(c, earlier);
      await c.sendAll([c.words.forgotten, earlier, CPR, answers.cvr, answers.recipient]);
      await c.sendAll([c.words.both, c.words.confirm]);
      expect(c.filed).toHaveLength(2);
      expectNoClearCpr(await rawStored(where));
    });
  });
});
