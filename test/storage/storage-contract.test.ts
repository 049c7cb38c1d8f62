import { z } from 'zod';
import type { Stores } from '../../storage';
import type { CollectionSpec } from '../../storage/document-collection';
import { InvalidDocumentError } from '../../storage/document-collection';
import { jobsFor } from '../../cases/effects';
import { aCase } from '../support/case-builder';
import { describeEachBackend, openStores } from '../support/storage-backends';

const notesSpec: CollectionSpec<{ text: string; owner: string }> = {
  name: 'notes',
  schema: z.strictObject({ text: z.string().max(20), owner: z.string() }),
  indexes: ['owner'],
};

describeEachBackend('document collections, audit log and reopening', (backend) => {
  let stores: Stores;
  beforeEach(async () => {
    stores = await openStores(backend.fresh());
  });
  afterEach(() => stores.storage.close());

  it('lets exactly one of many writers with the same version win', async () => {
    const notes = await stores.storage.collection(notesSpec);
    const first = await notes.put('n1', { text: 'v1', owner: 'a' }, 0);
    expect(first).toEqual({ ok: true, version: 1 });
    const outcomes = await Promise.all(
      Array.from({ length: 10 }, (_, i) => notes.put('n1', { text: `w${i}`, owner: 'a' }, 1)),
    );
    const winners = outcomes.filter((o) => o.ok);
    expect(winners).toEqual([{ ok: true, version: 2 }]);
    const stored = await notes.get('n1');
    expect(stored?.version).toBe(2);
    expect(stored?.value.text).toBe(`w${outcomes.findIndex((o) => o.ok)}`);
  });

  it('refuses a write over a stale version and a create over an existing document', async () => {
    const notes = await stores.storage.collection(notesSpec);
    await notes.put('n1', { text: 'one', owner: 'a' }, 0);
    await notes.put('n1', { text: 'two', owner: 'a' }, 1);
    expect(await notes.put('n1', { text: 'stale', owner: 'a' }, 1)).toEqual({ ok: false });
    expect(await notes.put('n1', { text: 'again', owner: 'a' }, 0)).toEqual({ ok: false });
    expect(await notes.put('missing', { text: 'x', owner: 'a' }, 3)).toEqual({ ok: false });
    expect((await notes.get('n1'))?.value.text).toBe('two');
  });

  it('overwrites whatever is there when no version is named', async () => {
    const notes = await stores.storage.collection(notesSpec);
    expect(await notes.put('n1', { text: 'one', owner: 'a' })).toEqual({ ok: true, version: 1 });
    expect(await notes.put('n1', { text: 'two', owner: 'a' })).toEqual({ ok: true, version: 2 });
    expect((await notes.get('n1'))?.value.text).toBe('two');
  });

  it('refuses a document that fails its schema before anything is written', async () => {
    const notes = await stores.storage.collection(notesSpec);
    const tooLong = { text: 'x'.repeat(21), owner: 'a' };
    await expect(notes.put('bad', tooLong)).rejects.toBeInstanceOf(InvalidDocumentError);
    const extra = { text: 'ok', owner: 'a', $where: 'sleep(1)' } as never;
    await expect(notes.put('bad', extra)).rejects.toBeInstanceOf(InvalidDocumentError);
    expect(await notes.get('bad')).toBeUndefined();
  });

  it('finds documents by an indexed field and refuses a field without an index', async () => {
    const notes = await stores.storage.collection(notesSpec);
    await notes.put('a1', { text: 'x', owner: 'alice' });
    await notes.put('b1', { text: 'y', owner: 'bob' });
    await notes.put('a2', { text: 'z', owner: 'alice' });
    await notes.put('a2', { text: 'z2', owner: 'alice' });
    const found = await notes.find({ where: { owner: 'alice' } });
    expect(found.map((d) => d.key).sort()).toEqual(['a1', 'a2']);
    expect(found.find((d) => d.key === 'a2')?.value.text).toBe('z2');
    await expect(notes.find({ where: { text: 'x' } })).rejects.toThrow(/no index/);
  });

  it('lets exactly one writer with the same version win between two instances on one store', async () => {
    const where = backend.fresh();
    const [one, two] = await Promise.all([openStores(where), openStores(where)]);
    try {
      const [notesOne, notesTwo] = await Promise.all([
        one.storage.collection(notesSpec),
        two.storage.collection(notesSpec),
      ]);
      await notesOne.put('n', { text: 'start', owner: 'a' }, 0);
      const outcomes = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          (i % 2 ? notesOne : notesTwo).put('n', { text: `w${i}`, owner: 'a' }, 1),
        ),
      );
      expect(outcomes.filter((o) => o.ok)).toHaveLength(1);
    } finally {
      await Promise.all([one.storage.close(), two.storage.close()]);
    }
  });

  it('deletes a document, and deleting a missing one is no error', async () => {
    const notes = await stores.storage.collection(notesSpec);
    await notes.put('n1', { text: 'one', owner: 'a' });
    await notes.delete('n1');
    await notes.delete('never-there');
    expect(await notes.get('n1')).toBeUndefined();
    expect(await notes.find({ where: { owner: 'a' } })).toEqual([]);
    expect(await notes.put('n1', { text: 'again', owner: 'a' }, 0)).toEqual({
      ok: true,
      version: 1,
    });
  });

  it('orders and limits what it finds by an indexed field', async () => {
    const notes = await stores.storage.collection(notesSpec);
    for (const owner of ['carol', 'alice', 'bob']) await notes.put(owner, { text: owner, owner });
    const asc = await notes.find({ orderBy: { field: 'owner', direction: 'asc' } });
    expect(asc.map((d) => d.key)).toEqual(['alice', 'bob', 'carol']);
    const desc = await notes.find({ orderBy: { field: 'owner', direction: 'desc' }, limit: 2 });
    expect(desc.map((d) => d.key)).toEqual(['carol', 'bob']);
    const some = await notes.find({ where: { owner: { in: ['bob', 'carol', 'dave'] } } });
    expect(some.map((d) => d.key).sort()).toEqual(['bob', 'carol']);
  });

  describe('the audit log', () => {
    const entry = (action: string) => ({
      at: '2026-05-01T12:00:00.000Z',
      actor: { system: 'test' },
      action,
      caseNumber: 'UL-2026-00001',
    });

    it('writes an entry appended twice under one id once, and keeps every entry without an id', async () => {
      await stores.audit.append(entry('case.approved'), 'job-1');
      await stores.audit.append(entry('case.approved'), 'job-1');
      await Promise.all([1, 2, 3].map(() => stores.audit.append(entry('case.read'), 'job-2')));
      await stores.audit.append(entry('decision.refused'));
      await stores.audit.append(entry('decision.refused'));
      const actions = (await stores.audit.forCase('UL-2026-00001')).map((e) => e.action);
      expect(actions.sort()).toEqual([
        'case.approved',
        'case.read',
        'decision.refused',
        'decision.refused',
      ]);
    });

    it('lists the entries of one case oldest first, also when a job appended an older one later', async () => {
      const filed = { ...entry('case.filed'), at: '2026-05-01T12:00:00.000Z' };
      const read = { ...entry('case.read'), at: '2026-05-01T12:00:01.000Z' };
      const approved = { ...entry('case.approved'), at: '2026-05-01T12:00:02.000Z' };
      await stores.audit.append(read);
      // The audit jobs of filing and approval ran after the direct read entry was written.
      await stores.audit.append(approved, 'job-approved');
      await stores.audit.append(filed, 'job-filed');
      await stores.audit.append({ ...entry('case.filed'), caseNumber: 'UL-2026-00002' });
      expect(await stores.audit.forCase('UL-2026-00001')).toEqual([filed, read, approved]);
    });

    it('refuses an entry that fails the audit schema', async () => {
      await expect(stores.audit.append({ ...entry('x'), cprHash: '0101901234' })).rejects.toThrow();
      expect(await stores.audit.forCase('UL-2026-00001')).toEqual([]);
    });
  });

  it('keeps documents, case numbers, cases with their jobs and the audit log across close and reopen', async () => {
    const where = backend.fresh();
    const before = await openStores(where);
    const notes = await before.storage.collection(notesSpec);
    await notes.put('n1', { text: 'kept', owner: 'a' });
    const filed = aCase({ caseNumber: await before.cases.reserveCaseNumber(2026) });
    const jobs = jobsFor(filed.caseNumber, [{ kind: 'postCard' }], new Date());
    await before.cases.create(filed, jobs);
    await before.audit.append(
      {
        at: new Date().toISOString(),
        actor: { system: 'test' },
        action: 'case.filed',
        caseNumber: filed.caseNumber,
      },
      'filed-1',
    );
    await before.storage.close();

    const after = await openStores(where);
    try {
      const reopened = await after.storage.collection(notesSpec);
      expect((await reopened.get('n1'))?.value.text).toBe('kept');
      expect(await after.cases.reserveCaseNumber(2026)).toBe('UL-2026-00002');
      expect(await after.cases.get(filed.caseNumber)).toEqual(filed);
      expect(await after.jobs.forCase(filed.caseNumber)).toEqual(jobs);
      await after.audit.append(
        {
          at: new Date().toISOString(),
          actor: { system: 'test' },
          action: 'case.filed',
          caseNumber: filed.caseNumber,
        },
        'filed-1',
      );
      expect((await after.audit.forCase(filed.caseNumber)).map((e) => e.action)).toEqual([
        'case.filed',
      ]);
    } finally {
      await after.storage.close();
    }
  });

  it('answers a ping while open', async () => {
    await expect(stores.storage.ping()).resolves.toBeUndefined();
  });
});
