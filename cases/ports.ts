import type { Case, Person } from './case';

/** A stored value with the version that a conditional write must name. */
export interface Versioned<T> {
  value: T;
  version: number;
}

/** The outcome of a conditional write. */
export type WriteOutcome = { ok: true; version: number } | { ok: false };

/** Where cases live. Writes are conditional on the version read, so the first writer wins. */
export interface CaseRepository {
  /** Allocates the next case number of a year from an atomic counter. */
  nextCaseNumber(year: number): Promise<string>;
  /** Stores a new case; fails if the case number is taken. */
  create(value: Case): Promise<WriteOutcome>;
  get(caseNumber: string): Promise<Versioned<Case> | undefined>;
  /** Replaces a case only if it is still at `expectedVersion`. */
  replace(value: Case, expectedVersion: number): Promise<WriteOutcome>;
  /** The cases a person filed, newest first. */
  listByRequester(aadObjectId: string, limit: number): Promise<Versioned<Case>[]>;
  /** Cases in any of the given states, oldest first. */
  listByState(states: readonly Case['state'][], limit: number): Promise<Versioned<Case>[]>;
}

/** One line of the audit log: who did what to which case, and when. */
export interface AuditEntry {
  at: string;
  actor: Person | { system: string };
  action: string;
  caseNumber?: string;
  /** The keyed hash of a CPR, never the CPR itself. */
  cprHash?: string;
  detail?: string;
}

/** The append-only audit log. */
export interface AuditLog {
  append(entry: AuditEntry): Promise<void>;
  forCase(caseNumber: string): Promise<AuditEntry[]>;
}
