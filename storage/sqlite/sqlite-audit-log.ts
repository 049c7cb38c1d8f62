import type Database from 'better-sqlite3';
import { statement } from './statements';
import type { AuditEntry, AuditLog } from '../../cases/ports';
import { auditEntrySchema } from '../audit-entry-schema';

/** The audit log as an append-only SQLite table: triggers refuse updates and deletes. */
export class SqliteAuditLog implements AuditLog {
  constructor(private readonly db: Database.Database) {}

  async append(entry: AuditEntry): Promise<void> {
    const checked = auditEntrySchema.parse(entry);
    statement(this.db, 'INSERT INTO audit (at, case_number, entry) VALUES (?, ?, ?)').run(
      checked.at,
      checked.caseNumber ?? null,
      JSON.stringify(checked),
    );
  }

  async forCase(caseNumber: string): Promise<AuditEntry[]> {
    const rows = statement(
      this.db,
      'SELECT entry FROM audit WHERE case_number = ? ORDER BY id',
    ).all(caseNumber) as { entry: string }[];
    return rows.map((row) => auditEntrySchema.parse(JSON.parse(row.entry)));
  }
}
