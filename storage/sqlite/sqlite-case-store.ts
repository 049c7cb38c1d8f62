import type Database from 'better-sqlite3';
import {
  caseSchema,
  closedStates,
  splitCase,
  type Case,
  type CaseState,
  type SupportThread,
} from '../../cases/case';
import { formatCaseNumber, type CaseNumber } from '../../cases/case-number';
import type { Job } from '../../cases/effects';
import { noCasesByState, type CaseStore, type TransitionWrite } from '../../cases/ports';
import { insertJobs } from './sqlite-job-queue';
import { statement } from './statements';

/** When a closed case closed: the mail was sent, or it was denied (the decision). */
const CLOSED_AT = `coalesce(json_extract(status, '$.mail.sentAt'), json_extract(status, '$.decision.at'))`;
/** Cases whose personal data is still kept (retention has not erased them). */
const NOT_ERASED = `json_extract(facts, '$.subject.erased') IS NULL`;

/** The cases table: the state and the queried fields as columns, the rest as JSON. */
export const casesTable = `
CREATE TABLE IF NOT EXISTS cases (
  case_number TEXT PRIMARY KEY,
  state TEXT NOT NULL,
  requester_id TEXT NOT NULL,
  filed_at TEXT NOT NULL,
  cpr_hash TEXT NOT NULL,
  facts TEXT NOT NULL,
  status TEXT NOT NULL,
  thread TEXT,
  failures TEXT NOT NULL DEFAULT '[]'
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS ix_cases_state ON cases (state, filed_at);
CREATE INDEX IF NOT EXISTS ix_cases_requester ON cases (requester_id, filed_at);
CREATE INDEX IF NOT EXISTS ix_cases_cpr_hash ON cases (cpr_hash);
CREATE INDEX IF NOT EXISTS ix_cases_failed ON cases (filed_at) WHERE failures <> '[]';
CREATE INDEX IF NOT EXISTS ix_cases_erasable ON cases (state, ${CLOSED_AT}) WHERE ${NOT_ERASED};
`;

interface CaseRow {
  case_number: string;
  state: string;
  facts: string;
  status: string;
  thread: string | null;
  failures: string;
}

/** Reads a row back into a case, checked against the case schema. */
function fromRow(row: CaseRow): Case {
  return caseSchema.parse({
    ...JSON.parse(row.facts),
    ...(row.thread ? { thread: JSON.parse(row.thread) } : {}),
    failures: JSON.parse(row.failures),
    state: row.state,
    ...JSON.parse(row.status),
  });
}

/** A case as one row's values. */
export function toRow(value: Case) {
  const checked = caseSchema.parse(value);
  const { facts, status } = splitCase(checked);
  const { thread, failures, ...fixed } = facts;
  const { state, ...fields } = status;
  return {
    case_number: checked.caseNumber,
    state,
    requester_id: checked.requester.aadObjectId,
    filed_at: checked.filedAt,
    cpr_hash: checked.subject.cprHash,
    facts: JSON.stringify(fixed),
    status: JSON.stringify(fields),
    thread: thread ? JSON.stringify(thread) : null,
    failures: JSON.stringify(failures),
  };
}

const INSERT_CASE = `INSERT INTO cases
  (case_number, state, requester_id, filed_at, cpr_hash, facts, status, thread, failures)
  VALUES (@case_number, @state, @requester_id, @filed_at, @cpr_hash, @facts, @status, @thread, @failures)
  ON CONFLICT DO NOTHING`;

/** Cases in SQLite: each change of state is one `UPDATE … WHERE state IN (…) RETURNING`. */
export class SqliteCaseStore implements CaseStore {
  constructor(private readonly db: Database.Database) {}

  async reserveCaseNumber(year: number): Promise<CaseNumber> {
    const row = statement(
      this.db,
      `INSERT INTO counters (name, value) VALUES (?, 1)
         ON CONFLICT (name) DO UPDATE SET value = value + 1 RETURNING value`,
    ).get(`case-number-${year}`) as { value: number };
    return formatCaseNumber(year, row.value);
  }

  async create(value: Case, jobs: Job[]): Promise<{ created: boolean; case: Case }> {
    const row = toRow(value);
    const created = this.db.transaction(() => {
      if (statement(this.db, INSERT_CASE).run(row).changes === 0) return false;
      insertJobs(this.db, jobs);
      return true;
    })();
    if (created) return { created, case: value };
    return { created, case: (await this.get(value.caseNumber))! };
  }

  async get(caseNumber: CaseNumber): Promise<Case | undefined> {
    const row = statement(this.db, 'SELECT * FROM cases WHERE case_number = ?').get(caseNumber);
    return row ? fromRow(row as CaseRow) : undefined;
  }

  async transition(
    caseNumber: CaseNumber,
    from: readonly CaseState[],
    next: Case,
    jobs: Job[],
  ): Promise<TransitionWrite> {
    const { state, status } = toRow(next);
    const update = statement(
      this.db,
      `UPDATE cases SET state = ?, status = ?
         WHERE case_number = ? AND state IN (${from.map(() => '?').join(', ')}) RETURNING *`,
    );
    const written = this.db.transaction(() => {
      const row = update.get(state, status, caseNumber, ...from) as CaseRow | undefined;
      if (row) insertJobs(this.db, jobs);
      return row;
    })();
    if (written) return { won: true, case: fromRow(written) };
    return { won: false, case: await this.get(caseNumber) };
  }

  async recordThread(caseNumber: CaseNumber, thread: SupportThread): Promise<void> {
    statement(this.db, 'UPDATE cases SET thread = ? WHERE case_number = ? AND thread IS NULL').run(
      JSON.stringify(thread),
      caseNumber,
    );
  }

  async listErasable(closedBefore: string, limit: number): Promise<Case[]> {
    // The same expressions as the partial index `ix_cases_erasable`, so that SQLite uses it.
    const rows = statement(
      this.db,
      `SELECT * FROM cases WHERE ${NOT_ERASED} AND state = ? AND ${CLOSED_AT} < ?
         ORDER BY ${CLOSED_AT} LIMIT ?`,
    );
    const found = closedStates.flatMap(
      (state) => rows.all(state, closedBefore, limit) as CaseRow[],
    );
    return found.slice(0, limit).map(fromRow);
  }

  async erase(erased: Case, jobs: Job[]): Promise<boolean> {
    const { case_number, state, facts, status } = toRow(erased);
    const written = this.db.transaction(() => {
      const changed = statement(
        this.db,
        `UPDATE cases SET facts = ?, status = ? WHERE case_number = ? AND state = ? AND ${NOT_ERASED}`,
      ).run(facts, status, case_number, state).changes;
      if (changed === 1) insertJobs(this.db, jobs);
      return changed === 1;
    })();
    // The old row's bytes (the ciphertext, masked CPR and names) must not linger in the WAL:
    // with `secure_delete` the freed space is zeroed, and the checkpoint empties the WAL.
    if (written) this.db.pragma('wal_checkpoint(TRUNCATE)');
    return written;
  }

  async listByRequester(aadObjectId: string, limit: number): Promise<Case[]> {
    const rows = statement(
      this.db,
      'SELECT * FROM cases WHERE requester_id = ? ORDER BY filed_at DESC, case_number DESC LIMIT ?',
    ).all(aadObjectId, limit) as CaseRow[];
    return rows.map(fromRow);
  }

  async listByState(states: readonly CaseState[], limit: number): Promise<Case[]> {
    if (states.length === 0) return [];
    const rows = statement(
      this.db,
      `SELECT * FROM cases WHERE state IN (${states.map(() => '?').join(', ')})
         ORDER BY filed_at, case_number LIMIT ?`,
    ).all(...states, limit) as CaseRow[];
    return rows.map(fromRow);
  }

  async listBySubject(cprHash: string): Promise<Case[]> {
    const rows = statement(
      this.db,
      'SELECT * FROM cases WHERE cpr_hash = ? ORDER BY filed_at, case_number',
    ).all(cprHash) as CaseRow[];
    return rows.map(fromRow);
  }

  async listWithFailures(limit: number): Promise<Case[]> {
    const rows = statement(
      this.db,
      `SELECT * FROM cases WHERE failures <> '[]' ORDER BY filed_at, case_number LIMIT ?`,
    ).all(limit) as CaseRow[];
    return rows.map(fromRow);
  }

  async countByState(): Promise<Record<CaseState, number>> {
    // Counted on the index ix_cases_state alone: no row is read.
    const rows = statement(
      this.db,
      'SELECT state, count(*) AS n FROM cases GROUP BY state',
    ).all() as {
      state: CaseState;
      n: number;
    }[];
    const counts = noCasesByState();
    for (const { state, n } of rows) if (state in counts) counts[state] = n;
    return counts;
  }
}
