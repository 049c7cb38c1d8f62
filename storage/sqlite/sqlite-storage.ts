import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { statement } from './statements';
import type { CollectionSpec, Counter } from '../document-collection';
import type { Storage } from '../storage';
import { SqliteAuditLog } from './sqlite-audit-log';
import { SqliteDocumentCollection } from './sqlite-document-collection';

const schema = `
CREATE TABLE IF NOT EXISTS documents (
  collection TEXT NOT NULL,
  key TEXT NOT NULL,
  version INTEGER NOT NULL,
  value TEXT NOT NULL,
  PRIMARY KEY (collection, key)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS audit (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  at TEXT NOT NULL,
  case_number TEXT,
  entry TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS ix_audit_case ON audit (case_number, id);
CREATE TRIGGER IF NOT EXISTS audit_no_update BEFORE UPDATE ON audit
  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER IF NOT EXISTS audit_no_delete BEFORE DELETE ON audit
  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
`;

/** The embedded default: one SQLite file under the data folder, in WAL mode. */
export function openSqliteStorage(dataDir: string): Storage {
  fs.mkdirSync(dataDir, { recursive: true });
  const db = new Database(path.join(dataDir, 'unilogin-bot.sqlite'));
  db.pragma('journal_mode = WAL');
  db.pragma('busy_timeout = 5000');
  db.pragma('synchronous = NORMAL');
  db.exec(schema);

  const counter: Counter = {
    async next(name) {
      const row = statement(
        db,
        `INSERT INTO counters (name, value) VALUES (?, 1)
           ON CONFLICT (name) DO UPDATE SET value = value + 1 RETURNING value`,
      ).get(name) as { value: number };
      return row.value;
    },
  };

  return {
    kind: 'sqlite',
    counter,
    audit: new SqliteAuditLog(db),
    async collection<T>(spec: CollectionSpec<T>) {
      return new SqliteDocumentCollection(db, spec);
    },
    async ping() {
      statement(db, 'SELECT 1').get();
    },
    async close() {
      if (db.open) db.close();
    },
  };
}
