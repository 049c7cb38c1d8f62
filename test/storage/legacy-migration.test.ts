import path from 'node:path';
import Database from 'better-sqlite3';
import { MongoClient } from 'mongodb';
import { formatCaseNumber } from '../../cases/case-number';
import type { StorageChoice, Stores } from '../../storage';
import { describeEachBackend, openStores } from '../support/storage-backends';
import {
  BOT_STATE_KEY,
  LAST_NUMBER,
  REFERENCE_KEY,
  botState,
  legacyCases,
  oldAudit,
  reference,
  usernames,
  writeLegacy,
} from './legacy-fixtures';

/** What the stores hold, read through today's code: every case with its jobs, and the rest. */
async function snapshot(stores: Stores) {
  const cases = [];
  for (const { now } of legacyCases) {
    cases.push({
      case: await stores.cases.get(now.caseNumber),
      jobs: await stores.jobs.forCase(now.caseNumber),
    });
  }
  return {
    cases,
    chat: await stores.chats.get(BOT_STATE_KEY),
    reference: await stores.conversationReferences.get(REFERENCE_KEY),
    audit: await stores.audit.forCase(oldAudit.caseNumber),
  };
}

/** What is left in the layout of the version before: revision documents, or case rows. */
async function legacyLeft(where: StorageChoice): Promise<number> {
  if (where.mongodbUri) {
    const client = await MongoClient.connect(where.mongodbUri);
    try {
      const db = client.db(where.mongodbDatabase);
      let left = 0;
      for (const name of ['cases', 'bot_state', 'conversation_references', 'usernames']) {
        left += await db.collection(name).countDocuments({ j: { $exists: true } });
      }
      return left;
    } finally {
      await client.close();
    }
  }
  const db = new Database(path.join(where.dataDir, 'unilogin-bot.sqlite'), { readonly: true });
  try {
    const sql = "SELECT count(*) AS n FROM documents WHERE collection = 'cases'";
    return (db.prepare(sql).get() as { n: number }).n;
  } finally {
    db.close();
  }
}

describeEachBackend('opening data kept by the version before', (backend) => {
  let where: StorageChoice;
  let stores: Stores | undefined;
  beforeEach(async () => {
    where = backend.fresh();
    await writeLegacy(where);
  });
  afterEach(async () => {
    await stores?.storage.close();
    stores = undefined;
  });

  const open = async () => (stores = await openStores(where));

  it.each(legacyCases)(
    'moves $name into the new layout with the jobs it still waited for',
    async (row) => {
      const opened = await open();
      expect(await opened.cases.get(row.now.caseNumber)).toEqual(row.now);
      const jobs = await opened.jobs.forCase(row.now.caseNumber);
      expect(jobs.map((job) => job.kind).sort()).toEqual([...row.jobs].sort());
      for (const job of jobs)
        expect(job).toMatchObject({ attempts: 0, caseNumber: row.now.caseNumber });
    },
  );

  it('makes the jobs of moved cases due at once', async () => {
    const opened = await open();
    const due = await opened.jobs.due(new Date().toISOString(), 100);
    const waiting = legacyCases.flatMap((row) =>
      row.jobs.map((kind) => `${row.now.caseNumber} ${kind}`),
    );
    expect(due.map((job) => `${job.caseNumber} ${job.kind}`).sort()).toEqual(waiting.sort());
  });

  it('finds the moved cases by requester and by state', async () => {
    const opened = await open();
    const mine = await opened.cases.listByRequester('staff-1', 20);
    expect(mine.map((c) => c.caseNumber)).toEqual(
      legacyCases.map((row) => row.now.caseNumber).reverse(),
    );
    const filed = await opened.cases.listByState(['filed'], 20);
    expect(filed.map((c) => c.caseNumber)).toEqual(
      legacyCases.filter((row) => row.now.state === 'filed').map((row) => row.now.caseNumber),
    );
  });

  it('leaves nothing in the old layout', async () => {
    await open();
    expect(await legacyLeft(where)).toBe(0);
  });

  it('keeps the stored chat with its version, so that its next save is conditional on it', async () => {
    const opened = await open();
    expect(await opened.chats.get(BOT_STATE_KEY)).toEqual({
      key: BOT_STATE_KEY,
      version: 3,
      value: botState,
    });
    expect(await opened.chats.put(BOT_STATE_KEY, { step: 9 }, 2)).toEqual({ ok: false });
    expect(await opened.chats.put(BOT_STATE_KEY, { step: 3 }, 3)).toEqual({ ok: true, version: 4 });
  });

  it('keeps the conversation references', async () => {
    const opened = await open();
    expect(await opened.conversationReferences.get(REFERENCE_KEY)).toEqual({
      key: REFERENCE_KEY,
      version: 1,
      value: reference,
    });
  });

  it('keeps the usernames issued, each still reserved for its case', async () => {
    const opened = await open();
    for (const [username, caseNumber] of Object.entries(usernames)) {
      expect(await opened.usernames.reservedFor(caseNumber)).toBe(username);
      expect(await opened.usernames.claim(username, 'UL-2026-00099')).toBe(false);
    }
  });

  it('keeps the audit log', async () => {
    const opened = await open();
    expect(await opened.audit.forCase(oldAudit.caseNumber)).toEqual([oldAudit]);
  });

  it('reserves the next case number after the last one the version before handed out', async () => {
    const opened = await open();
    const numbers = await Promise.all([1, 2, 3].map(() => opened.cases.reserveCaseNumber(2026)));
    expect(numbers.sort()).toEqual([1, 2, 3].map((i) => formatCaseNumber(2026, LAST_NUMBER + i)));
    expect(await opened.cases.reserveCaseNumber(2027)).toBe('UL-2027-00001');
  });

  it('changes nothing when opened a second time', async () => {
    const first = await open();
    const before = await snapshot(first);
    await first.storage.close();
    const second = await open();
    expect(await snapshot(second)).toEqual(before);
    expect(await second.cases.reserveCaseNumber(2026)).toBe(
      formatCaseNumber(2026, LAST_NUMBER + 1),
    );
    await second.storage.close();
    const third = await open();
    expect(await third.cases.reserveCaseNumber(2026)).toBe(formatCaseNumber(2026, LAST_NUMBER + 2));
  });

  it('moves each case once, with one set of jobs, when two instances open the data at once', async () => {
    const [one, two] = await Promise.all([openStores(where), openStores(where)]);
    try {
      for (const row of legacyCases) {
        expect(await one.cases.get(row.now.caseNumber)).toEqual(row.now);
        const jobs = await two.jobs.forCase(row.now.caseNumber);
        expect(jobs.map((job) => job.kind).sort()).toEqual([...row.jobs].sort());
      }
      expect(await legacyLeft(where)).toBe(0);
    } finally {
      await Promise.all([one.storage.close(), two.storage.close()]);
    }
  });
});
