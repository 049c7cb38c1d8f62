import path from 'node:path';
import Database from 'better-sqlite3';
import { MongoClient } from 'mongodb';
import { describeEachBackend, openStores } from '../support/storage-backends';

describeEachBackend('the data-subject lookups', (backend) => {
  it('are served by an index on the CPR hash of cases and of audit entries', async () => {
    const where = backend.fresh();
    const stores = await openStores(where);
    await stores.storage.close();
    if (where.mongodbUri) {
      const client = await MongoClient.connect(where.mongodbUri);
      const db = client.db(where.mongodbDatabase);
      const keys = async (name: string) =>
        (await db.collection(name).listIndexes().toArray()).map((index) => index.key);
      expect(await keys('cases')).toContainEqual({ 'subject.cprHash': 1 });
      expect(await keys('audit')).toContainEqual({ cprHash: 1, at: 1 });
      await client.close();
      return;
    }
    const db = new Database(path.join(where.dataDir, 'unilogin-bot.sqlite'), { readonly: true });
    const plan = (sql: string) =>
      JSON.stringify(db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all('a'.repeat(64)));
    expect(plan('SELECT * FROM cases WHERE cpr_hash = ?')).toContain('ix_cases_cpr_hash');
    expect(plan("SELECT id FROM audit WHERE json_extract(entry, '$.cprHash') = ?")).toContain(
      'ix_audit_cpr_hash',
    );
    db.close();
  });
});
