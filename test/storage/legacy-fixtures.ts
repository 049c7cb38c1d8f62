import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { MongoClient } from 'mongodb';
import { caseSchema, type Case, type JobKind } from '../../cases/case';
import type { CaseNumber } from '../../cases/case-number';
import type { StorageChoice } from '../../storage';

/**
 * Data as the version before the state machine kept it (see `git show 78f0ba6:cases/case.ts`,
 * `…:storage/sqlite/sqlite-storage.ts` and `…:storage/mongo/mongo-document-collection.ts`),
 * written raw, past today's code.
 */

const subject = {
  cprEncrypted: { keyId: 'k1', nonce: 'bm9uY2U=', ciphertext: 'Y2lwaGVy', tag: 'dGFn' },
  cprHash: 'b'.repeat(64),
  cprMasked: '010190-****',
};
const requester = {
  aadObjectId: 'staff-1',
  name: 'Staff One',
  tenantId: 't1',
  conversationKey: 'c1',
};
const by = { aadObjectId: 'approver-1', name: 'Anna Approver' };
const decidedAt = '2026-02-01T10:00:00.000Z';
const support = { threadId: '19:support@thread.tacv2;messageid=9', activityId: 'act-9' };

const number = (n: number) => `UL-2026-${String(n).padStart(5, '0')}` as CaseNumber;
const old = (n: number, fields: object) => ({
  caseNumber: number(n),
  kind: 'new',
  subject,
  institution: { cvr: '13748136', recipient: 'Åse Ørum-Jæger' },
  requester,
  filedAt: `2026-01-0${n}T09:00:00.000Z`,
  state: 'filed',
  ...fields,
});
const facts = (n: number, thread?: typeof support) => ({
  caseNumber: number(n),
  request: { kind: 'new' as const },
  subject,
  institution: { cvr: '13748136', recipient: 'Åse Ørum-Jæger' },
  requester,
  filedAt: `2026-01-0${n}T09:00:00.000Z`,
  ...(thread ? { thread } : {}),
  failures: [],
});

/** Each legacy case, the case it must become, and the jobs it must still wait for. */
export const legacyCases: { name: string; old: object; now: Case; jobs: JobKind[] }[] = [
  {
    name: 'a filed case whose card was never posted',
    old: old(1, {}),
    now: caseSchema.parse({ ...facts(1), state: 'filed' }),
    jobs: ['postCard'],
  },
  {
    name: 'a filed case with its card posted',
    old: old(2, { support }),
    now: caseSchema.parse({ ...facts(2, support), state: 'filed' }),
    jobs: [],
  },
  {
    name: 'an approved case waiting for its mail',
    old: old(3, {
      state: 'approved',
      support,
      decision: { outcome: 'approved', by, at: decidedAt },
      outbox: { state: 'pending', attempts: 1, nextAttemptAt: decidedAt, lastError: 'timeout' },
    }),
    now: caseSchema.parse({
      ...facts(3, support),
      state: 'approved',
      decision: { by, at: decidedAt },
    }),
    jobs: ['sendMail'],
  },
  {
    name: 'a case caught while sending',
    old: old(4, {
      state: 'sending',
      support,
      decision: { outcome: 'approved', by, at: decidedAt },
      outbox: {
        state: 'sending',
        attempts: 2,
        nextAttemptAt: decidedAt,
        leaseUntil: '2026-02-01T10:01:00.000Z',
        lastError: '451 try later',
      },
      username: 'efgh5678',
    }),
    now: caseSchema.parse({
      ...facts(4, support),
      state: 'sending',
      decision: { by, at: decidedAt },
      attempt: 2,
      inFlight: true,
      lastError: '451 try later',
    }),
    jobs: ['sendMail'],
  },
  {
    name: 'a case whose mail was sent',
    old: old(5, {
      state: 'mail_sent',
      support,
      decision: { outcome: 'approved', by, at: decidedAt },
      outbox: { state: 'sent', attempts: 1, nextAttemptAt: decidedAt },
      mail: { sentAt: '2026-02-01T10:00:05.000Z', messageId: '<m5@stil.example>' },
      username: 'abcd1234',
    }),
    now: caseSchema.parse({
      ...facts(5, support),
      state: 'mail_sent',
      decision: { by, at: decidedAt },
      mail: {
        sentAt: '2026-02-01T10:00:05.000Z',
        messageId: '<m5@stil.example>',
        username: 'abcd1234',
      },
    }),
    jobs: [],
  },
  {
    name: 'a denied case',
    old: old(6, {
      state: 'denied',
      support,
      decision: { outcome: 'denied', by, at: decidedAt, reason: 'Forkert CVR' },
    }),
    now: caseSchema.parse({
      ...facts(6, support),
      state: 'denied',
      decision: { by, at: decidedAt, reason: 'Forkert CVR' },
    }),
    jobs: [],
  },
  {
    name: 'a forgotten-login case',
    old: old(7, {
      kind: 'forgotten',
      requested: 'password',
      earlierCaseNumber: number(5),
      support,
    }),
    now: caseSchema.parse({
      ...facts(7, support),
      request: { kind: 'forgotten', earlierCaseNumber: number(5), requested: 'password' },
      state: 'filed',
    }),
    jobs: [],
  },
];

/** The last case number the version before handed out. */
export const LAST_NUMBER = 7;
export const BOT_STATE_KEY = 'msteams/conversations/a:personal-1/';
export const botState = { dialogState: { dialogStack: [{ id: 'newLogin', state: { step: 2 } }] } };
export const REFERENCE_KEY = 'a:personal-1';
export const reference = {
  channelId: 'msteams',
  serviceUrl: 'https://smba.example/emea/',
  user: { id: '29:staff-1', aadObjectId: 'staff-1' },
  conversation: { id: 'a:personal-1', conversationType: 'personal', tenantId: 't1' },
};
export const usernames = { abcd1234: number(5), efgh5678: number(4) };
export const oldAudit = {
  at: '2026-01-01T09:00:00.000Z',
  actor: { aadObjectId: 'staff-1', name: 'Staff One' },
  action: 'case.filed',
  caseNumber: number(1),
  cprHash: subject.cprHash,
};

/** Everything above as [collection, key, version, value]; the bot state is at version 3. */
type LegacyDocument = [collection: string, key: string, version: number, value: object];
const documents = (): LegacyDocument[] => [
  ...legacyCases.map(({ old }): LegacyDocument => [
    'cases',
    (old as { caseNumber: string }).caseNumber,
    2,
    old,
  ]),
  ['bot_state', BOT_STATE_KEY, 3, botState],
  ['conversation_references', REFERENCE_KEY, 1, reference],
  ...Object.entries(usernames).map(([name, caseNumber]): LegacyDocument => [
    'usernames',
    name,
    1,
    { caseNumber },
  ]),
];

/** Writes the legacy SQLite file, with the tables and indexes the version before made. */
export function writeLegacySqlite(dataDir: string): void {
  fs.mkdirSync(dataDir, { recursive: true });
  const db = new Database(path.join(dataDir, 'unilogin-bot.sqlite'));
  db.pragma('journal_mode = WAL');
  db.exec(`
    CREATE TABLE documents (collection TEXT NOT NULL, key TEXT NOT NULL, version INTEGER NOT NULL,
      value TEXT NOT NULL, PRIMARY KEY (collection, key)) WITHOUT ROWID;
    CREATE TABLE counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
    CREATE TABLE audit (id INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, case_number TEXT,
      entry TEXT NOT NULL);
    CREATE INDEX ix_audit_case ON audit (case_number, id);
    CREATE INDEX "px_cases_state" ON documents(json_extract(value, '$.state'))
      WHERE collection = 'cases';
    CREATE INDEX "px_cases_requester_aadObjectId"
      ON documents(json_extract(value, '$.requester.aadObjectId')) WHERE collection = 'cases';
  `);
  const insert = db.prepare(
    'INSERT INTO documents (collection, key, version, value) VALUES (?, ?, ?, ?)',
  );
  for (const [collection, key, version, value] of documents()) {
    insert.run(collection, key, version, JSON.stringify(value));
  }
  db.prepare('INSERT INTO counters (name, value) VALUES (?, ?)').run(
    'case-number-2026',
    LAST_NUMBER,
  );
  db.prepare('INSERT INTO audit (at, case_number, entry) VALUES (?, ?, ?)').run(
    oldAudit.at,
    oldAudit.caseNumber,
    JSON.stringify(oldAudit),
  );
  db.close();
}

/** The indexed values the version before kept beside each revision (`f`). */
function indexed(collection: string, value: Record<string, unknown>): Record<string, unknown> {
  if (collection === 'cases') {
    const {
      requester: who,
      state,
      filedAt,
    } = value as { requester: { aadObjectId: string } } & Record<string, unknown>;
    return { requester_aadObjectId: who.aadObjectId, state, filedAt };
  }
  return collection === 'usernames' ? { caseNumber: value.caseNumber } : {};
}

/**
 * Writes the legacy MongoDB revision documents: every key at its version, the first case also
 * with an older revision that a crash left behind, and one counter slot per number handed out.
 */
export async function writeLegacyMongo(where: StorageChoice): Promise<void> {
  const client = await MongoClient.connect(where.mongodbUri!);
  try {
    const db = client.db(where.mongodbDatabase);
    const revision = (collection: string, key: string, v: number, value: object) => ({
      _id: `${v}|${key}`,
      k: key,
      v,
      j: JSON.stringify(value),
      f: indexed(collection, value as Record<string, unknown>),
    });
    for (const [collection, key, version, value] of documents()) {
      await db
        .collection<{ _id: string }>(collection)
        .insertOne(revision(collection, key, version, value));
    }
    const first = legacyCases[0]!.old as { caseNumber: string };
    const stale = { ...first, institution: { cvr: '13748136', recipient: 'Stale Revision' } };
    await db
      .collection<{ _id: string }>('cases')
      .insertOne(revision('cases', first.caseNumber, 1, stale));
    const counters = db.collection<RawDocument>('counters');
    await counters.createIndex({ name: 1, n: -1 });
    for (let n = 1; n <= LAST_NUMBER; n++) {
      await counters.insertOne({ _id: `case-number-2026|${n}`, name: 'case-number-2026', n });
    }
    await db.collection('audit').insertOne({ ...oldAudit });
  } finally {
    await client.close();
  }
}

/** A document written raw. */
type RawDocument = { _id: string } & Record<string, unknown>;

/** Writes the legacy data of the backend that `where` names. */
export async function writeLegacy(where: StorageChoice): Promise<void> {
  if (where.mongodbUri) await writeLegacyMongo(where);
  else writeLegacySqlite(where.dataDir);
}
