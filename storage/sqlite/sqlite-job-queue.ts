import type Database from 'better-sqlite3';
import type { JobFailure } from '../../cases/case';
import type { CaseNumber } from '../../cases/case-number';
import { jobSchema, type Job } from '../../cases/effects';
import type { JobKind } from '../../cases/case';
import { noJobStats, type CaseJobAdder, type JobQueue, type JobStats } from '../../cases/ports';
import { statement } from './statements';

/** The jobs table: one row per waiting side effect of a case. */
export const jobsTable = `
CREATE TABLE IF NOT EXISTS jobs (
  id TEXT PRIMARY KEY,
  case_number TEXT NOT NULL,
  available_at TEXT NOT NULL,
  attempts INTEGER NOT NULL,
  lease TEXT,
  last_error TEXT,
  effect TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS ix_jobs_due ON jobs (available_at);
CREATE INDEX IF NOT EXISTS ix_jobs_case ON jobs (case_number);
`;

interface JobRow {
  id: string;
  case_number: string;
  available_at: string;
  attempts: number;
  lease: string | null;
  last_error: string | null;
  effect: string;
}

function fromRow(row: JobRow): Job {
  return jobSchema.parse({
    ...JSON.parse(row.effect),
    id: row.id,
    caseNumber: row.case_number,
    availableAt: row.available_at,
    attempts: row.attempts,
    ...(row.lease ? { lease: row.lease } : {}),
    ...(row.last_error ? { lastError: row.last_error } : {}),
  });
}

/** Inserts new jobs; called inside the transaction that writes their case. */
export function insertJobs(db: Database.Database, jobs: Job[]): void {
  const insert = statement(
    db,
    `INSERT INTO jobs (id, case_number, available_at, attempts, effect)
       VALUES (@id, @caseNumber, @availableAt, @attempts, @effect)`,
  );
  for (const job of jobs) {
    const {
      id,
      caseNumber,
      availableAt,
      attempts,
      lease: _l,
      lastError: _e,
      ...effect
    } = jobSchema.parse(job);
    insert.run({ id, caseNumber, availableAt, attempts, effect: JSON.stringify(effect) });
  }
}

/** The jobs of all cases in SQLite; each step is one conditional statement. */
export class SqliteJobQueue implements JobQueue, CaseJobAdder {
  constructor(private readonly db: Database.Database) {}

  async addJobs(caseNumber: CaseNumber, jobs: Job[]): Promise<boolean> {
    const exists = statement(this.db, 'SELECT 1 FROM cases WHERE case_number = ?');
    return this.db.transaction(() => {
      if (!exists.get(caseNumber)) return false;
      insertJobs(this.db, jobs);
      return true;
    })();
  }

  async due(now: string, limit: number): Promise<Job[]> {
    const rows = statement(
      this.db,
      'SELECT * FROM jobs WHERE available_at <= ? ORDER BY available_at LIMIT ?',
    ).all(now, limit) as JobRow[];
    return rows.map(fromRow);
  }

  async claim(job: Job, now: string, leaseUntil: string): Promise<Job | undefined> {
    const row = statement(
      this.db,
      `UPDATE jobs SET lease = ?, available_at = ?, attempts = attempts + 1
         WHERE id = ? AND available_at <= ? RETURNING *`,
    ).get(job.lease ?? null, leaseUntil, job.id, now) as JobRow | undefined;
    return row && fromRow(row);
  }

  async complete(job: Job): Promise<void> {
    statement(this.db, 'DELETE FROM jobs WHERE id = ? AND lease = ?').run(job.id, job.lease);
  }

  async retry(job: Job, availableAt: string, error: string): Promise<void> {
    statement(
      this.db,
      `UPDATE jobs SET lease = NULL, available_at = ?, last_error = ? WHERE id = ? AND lease = ?`,
    ).run(availableAt, error, job.id, job.lease);
  }

  async fail(job: Job, failure: JobFailure): Promise<void> {
    this.db.transaction(() => {
      const removed = statement(this.db, 'DELETE FROM jobs WHERE id = ? AND lease = ?').run(
        job.id,
        job.lease,
      );
      if (removed.changes === 0) return;
      statement(
        this.db,
        `UPDATE cases SET failures = json_insert(failures, '$[#]', json(?)) WHERE case_number = ?`,
      ).run(JSON.stringify(failure), job.caseNumber);
    })();
  }

  async wake(kind: Job['kind'], now: string): Promise<void> {
    statement(
      this.db,
      `UPDATE jobs SET available_at = ?
         WHERE lease IS NULL AND available_at > ? AND json_extract(effect, '$.kind') = ?`,
    ).run(now, now, kind);
  }

  async forCase(caseNumber: CaseNumber): Promise<Job[]> {
    const rows = statement(
      this.db,
      'SELECT * FROM jobs WHERE case_number = ? ORDER BY available_at',
    ).all(caseNumber) as JobRow[];
    return rows.map(fromRow);
  }

  async stats(now: string): Promise<JobStats> {
    const stats = noJobStats();
    const count = (kind: JobKind, state: 'due' | 'running' | 'failed', n: number) => {
      if (stats.byKind[kind]) stats.byKind[kind][state] = n;
    };
    // Both ranges of the index ix_jobs_due; the failures through the partial ix_cases_failed.
    const due = statement(
      this.db,
      `SELECT json_extract(effect, '$.kind') AS kind, count(*) AS n, min(available_at) AS oldest
         FROM jobs WHERE available_at <= ? GROUP BY kind`,
    ).all(now) as { kind: JobKind; n: number; oldest: string }[];
    for (const row of due) {
      count(row.kind, 'due', row.n);
      if (!stats.oldestDueAt || row.oldest < stats.oldestDueAt) stats.oldestDueAt = row.oldest;
    }
    const running = statement(
      this.db,
      `SELECT json_extract(effect, '$.kind') AS kind, count(*) AS n
         FROM jobs WHERE available_at > ? AND lease IS NOT NULL GROUP BY kind`,
    ).all(now) as { kind: JobKind; n: number }[];
    for (const row of running) count(row.kind, 'running', row.n);
    const failed = statement(
      this.db,
      `SELECT json_extract(failure.value, '$.job') AS kind, count(*) AS n
         FROM cases, json_each(cases.failures) AS failure
         WHERE cases.failures <> '[]' GROUP BY kind`,
    ).all() as { kind: JobKind; n: number }[];
    for (const row of failed) count(row.kind, 'failed', row.n);
    return stats;
  }
}
