import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { CollectionSpec } from '../document-collection';
import type { Storage } from '../storage';
import { migrateLegacySqliteCases } from './legacy-cases';
import { SqliteAuditLog, auditTable } from './sqlite-audit-log';
import { SqliteCaseStore, casesTable } from './sqlite-case-store';
import { SqliteDocumentCollection } from './sqlite-document-collection';
import { SqliteJobQueue, jobsTable } from './sqlite-job-queue';
import { statement } from './statements';

const schema = `
CREATE TABLE IF NOT EXISTS documents (
  collection TEXT NOT NULL,
  key TEXT NOT NULL,
  version INTEGER NOT NULL,
  value TEXT NOT NULL,
  PRIMARY KEY (collection, key)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
${casesTable}
${jobsTable}
${auditTable}
`;

/**
 * The database file, created (or tightened) mode 0600 in a data folder of mode 0700 before
 * SQLite opens it: it holds ciphertexts, hashes and names that only the bot may read.
 */
function privateDatabaseFile(dataDir: string): string {
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  fs.chmodSync(dataDir, 0o700);
  const file = path.join(dataDir, 'unilogin-bot.sqlite');
  fs.closeSync(fs.openSync(file, 'a', 0o600));
  fs.chmodSync(file, 0o600);
  return file;
}

/** The embedded default: one SQLite file under the data folder, in WAL mode. */
export function openSqliteStorage(dataDir: string, now: () => Date = () => new Date()): Storage {
  const file = privateDatabaseFile(dataDir);
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  // SQLite gives the -wal and -shm files the database file's mode; tightened in case of an
  // older file, written before the mode was set.
  for (const suffix of ['-wal', '-shm']) {
    if (fs.existsSync(file + suffix)) fs.chmodSync(file + suffix, 0o600);
  }
  db.pragma('busy_timeout = 5000');
  db.pragma('synchronous = NORMAL');
  // Erased personal data (retention) is overwritten, not only unlinked, in the file.
  db.pragma('secure_delete = ON');
  db.exec(schema);
  migrateLegacySqliteCases(db, now());

  return {
    kind: 'sqlite',
    cases: new SqliteCaseStore(db),
    jobs: new SqliteJobQueue(db),
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
