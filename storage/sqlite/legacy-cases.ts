import type Database from 'better-sqlite3';
import { migrateLegacyCase, migratedJobs } from '../legacy-case';
import { toRow } from './sqlite-case-store';
import { insertJobs } from './sqlite-job-queue';

/**
 * Moves cases that an earlier version kept as JSON documents into the cases table, with the
 * jobs they were still waiting for, in one transaction. Runs at every start; once moved, a
 * case is gone from the documents table, so this does nothing the second time.
 */
export function migrateLegacySqliteCases(db: Database.Database, now: Date): number {
  const rows = db.prepare("SELECT key, value FROM documents WHERE collection = 'cases'").all() as {
    key: string;
    value: string;
  }[];
  if (rows.length === 0) return 0;
  const insert = db.prepare(`INSERT INTO cases
    (case_number, state, requester_id, filed_at, cpr_hash, facts, status, thread, failures)
    VALUES (@case_number, @state, @requester_id, @filed_at, @cpr_hash, @facts, @status, @thread, @failures)
    ON CONFLICT DO NOTHING`);
  const remove = db.prepare("DELETE FROM documents WHERE collection = 'cases' AND key = ?");
  db.transaction(() => {
    for (const row of rows) {
      const migrated = migrateLegacyCase(JSON.parse(row.value));
      if (insert.run(toRow(migrated.value)).changes > 0)
        insertJobs(db, migratedJobs(migrated, now));
      remove.run(row.key);
    }
    for (const field of ['requester_aadObjectId', 'state', 'filedAt']) {
      db.exec(`DROP INDEX IF EXISTS "px_cases_${field}"`);
    }
  })();
  return rows.length;
}
