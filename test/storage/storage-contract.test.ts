import { z } from 'zod';
import type { Stores } from '../../storage';
import type { CollectionSpec } from '../../storage/document-collection';
import { InvalidDocumentError } from '../../storage/document-collection';
import { aCase } from '../support/case-builder';
import { describeEachBackend, openStores } from '../support/storage-backends';

const notesSpec: CollectionSpec<{ text: string; owner: string }> = {
  name: 'notes',
  schema: z.strictObject({ text: z.string().max(20), owner: z.string() }),
  indexes: ['owner'],
};

describeEachBackend('storage contract', (backend) => {
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

  it('hands out 200 distinct numbers to 200 parallel increments', async () => {
    const numbers = await Promise.all(
      Array.from({ length: 200 }, () => stores.storage.counter.next('c')),
    );
    expect(new Set(numbers).size).toBe(200);
    expect(Math.min(...numbers)).toBe(1);
    expect(Math.max(...numbers)).toBe(200);
  });

  it('keeps numbers and versions unique between two instances on one store', async () => {
    const where = backend.fresh();
    const [one, two] = await Promise.all([openStores(where), openStores(where)]);
    try {
      const numbers = await Promise.all(
        Array.from({ length: 60 }, (_, i) => (i % 2 ? one : two).storage.counter.next('shared')),
      );
      expect(new Set(numbers).size).toBe(60);
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

  it('keeps documents, counters, cases and the audit log across close and reopen', async () => {
    const where = backend.fresh();
    const before = await openStores(where);
    const notes = await before.storage.collection(notesSpec);
    await notes.put('n1', { text: 'kept', owner: 'a' });
    await before.storage.counter.next('kept');
    const filed = aCase({ caseNumber: await before.cases.nextCaseNumber(2026) });
    await before.cases.create(filed);
    await before.storage.audit.append({
      at: new Date().toISOString(),
      actor: { system: 'test' },
      action: 'case.filed',
      caseNumber: filed.caseNumber,
    });
    await before.storage.close();

    const after = await openStores(where);
    try {
      const reopened = await after.storage.collection(notesSpec);
      expect((await reopened.get('n1'))?.value.text).toBe('kept');
      expect(await after.storage.counter.next('kept')).toBe(2);
      expect((await after.cases.get(filed.caseNumber))?.value).toEqual(filed);
      expect((await after.storage.audit.forCase(filed.caseNumber)).map((e) => e.action)).toEqual([
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
