import type Database from 'better-sqlite3';
import { auditEntrySchema, type AuditEntry, type AuditLog } from '../../cases/audit';
import { statement } from './statements';

/** The audit table: append-only, enforced by triggers that refuse updates and deletes. */
export const auditTable = `
CREATE TABLE IF NOT EXISTS audit (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  at TEXT NOT NULL,
  case_number TEXT,
  entry TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS ix_audit_case ON audit (case_number, id);
CREATE INDEX IF NOT EXISTS ix_audit_cpr_hash ON audit (json_extract(entry, '$.cprHash'), id)
  WHERE json_extract(entry, '$.cprHash') IS NOT NULL;
CREATE TRIGGER IF NOT EXISTS audit_no_update BEFORE UPDATE ON audit
  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER IF NOT EXISTS audit_no_delete BEFORE DELETE ON audit
  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TABLE IF NOT EXISTS audit_ids (id TEXT PRIMARY KEY) WITHOUT ROWID;
`;

/** The audit log as an append-only SQLite table. */
export class SqliteAuditLog implements AuditLog {
  constructor(private readonly db: Database.Database) {}

  async append(entry: AuditEntry, id?: string): Promise<void> {
    const checked = auditEntrySchema.parse(entry);
    this.db.transaction(() => {
      // An entry with an id is written once, however often its job runs.
      if (id !== undefined) {
        const fresh = statement(
          this.db,
          'INSERT INTO audit_ids (id) VALUES (?) ON CONFLICT DO NOTHING',
        );
        if (fresh.run(id).changes === 0) return;
      }
      statement(this.db, 'INSERT INTO audit (at, case_number, entry) VALUES (?, ?, ?)').run(
        checked.at,
        checked.caseNumber ?? null,
        JSON.stringify(checked),
      );
    })();
  }

  async forCase(caseNumber: string): Promise<AuditEntry[]> {
    const rows = statement(
      this.db,
      'SELECT entry FROM audit WHERE case_number = ? ORDER BY at, id',
    ).all(caseNumber) as { entry: string }[];
    return rows.map((row) => auditEntrySchema.parse(JSON.parse(row.entry)));
  }

  async forSubject(cprHash: string, caseNumbers: readonly string[]): Promise<AuditEntry[]> {
    // Two indexed lookups (the CPR hash; each case number), joined without duplicates.
    const rows = statement(
      this.db,
      `SELECT entry FROM audit WHERE id IN (
         SELECT id FROM audit WHERE json_extract(entry, '$.cprHash') = ?
         UNION
         SELECT id FROM audit WHERE case_number IN (SELECT value FROM json_each(?))
       ) ORDER BY at, id`,
    ).all(cprHash, JSON.stringify(caseNumbers)) as { entry: string }[];
    return rows.map((row) => auditEntrySchema.parse(JSON.parse(row.entry)));
  }
}
