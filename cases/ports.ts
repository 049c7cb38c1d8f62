import {
  caseStates,
  jobKinds,
  type Case,
  type CaseState,
  type JobFailure,
  type JobKind,
  type SupportThread,
} from './case';
import type { CaseNumber } from './case-number';
import type { Job } from './effects';

/** A conditional write's answer: the winner gets the case as written, a loser the stored one. */
export type TransitionWrite = { won: true; case: Case } | { won: false; case?: Case };

/** Where cases live. Every change of state is one conditional write. */
export interface CaseStore {
  /** Claims the next case number of a year; no number is ever handed out twice. */
  reserveCaseNumber(year: number): Promise<CaseNumber>;
  /**
   * Stores a new case with its first jobs, in one write. If a case with that number exists
   * already, nothing is written and the stored case is returned.
   */
  create(value: Case, jobs: Job[]): Promise<{ created: boolean; case: Case }>;
  get(caseNumber: CaseNumber): Promise<Case | undefined>;
  /**
   * Stores `next` and its jobs only if the stored state is one of `from`, in one write. The
   * state's fields are replaced; the facts, the thread and the recorded failures are kept.
   */
  transition(
    caseNumber: CaseNumber,
    from: readonly CaseState[],
    next: Case,
    jobs: Job[],
  ): Promise<TransitionWrite>;
  /** Keeps where the approval card was posted, unless a thread is kept already. */
  recordThread(caseNumber: CaseNumber, thread: SupportThread): Promise<void>;
  /** Closed cases, not erased yet, that closed (mail sent, denied) before `closedBefore`. */
  listErasable(closedBefore: string, limit: number): Promise<Case[]>;
  /**
   * Stores `erased` (a closed case with its personal data erased: subject, recipient and the
   * state's fields) and its jobs in one write, only if the stored case is still in that state
   * and not erased; true if this write did it. The thread and the failures are kept.
   */
  erase(erased: Case, jobs: Job[]): Promise<boolean>;
  /** The cases a person filed, newest first. */
  listByRequester(aadObjectId: string, limit: number): Promise<Case[]>;
  /** Cases in any of the given states, oldest first. */
  listByState(states: readonly CaseState[], limit: number): Promise<Case[]>;
  /** Cases with a side effect that could not succeed, oldest first. */
  listWithFailures(limit: number): Promise<Case[]>;
  /** Every case about one person, by the keyed hash of their CPR, oldest first. */
  listBySubject(cprHash: string): Promise<Case[]>;
  /** How many cases are in each state (0 for an empty one), read from the state index. */
  countByState(): Promise<Record<CaseState, number>>;
}

/** How many jobs of one kind wait: due now, held by a worker, or recorded failed on cases. */
export interface JobCounts {
  due: number;
  running: number;
  failed: number;
}

/** The durable jobs at a moment, for monitoring; read from the indexes, never a full scan. */
export interface JobStats {
  byKind: Record<JobKind, JobCounts>;
  /** When the longest-waiting due job became due (ISO time); undefined when none is due. */
  oldestDueAt?: string;
}

/** Every state at 0, for a store to count into. */
export const noCasesByState = (): Record<CaseState, number> =>
  Object.fromEntries(caseStates.map((state) => [state, 0])) as Record<CaseState, number>;

/** Every kind at 0, for a store to count into. */
export const noJobStats = (): JobStats => ({
  byKind: Object.fromEntries(
    jobKinds.map((kind) => [kind, { due: 0, running: 0, failed: 0 }]),
  ) as Record<JobKind, JobCounts>,
});

/**
 * The durable jobs of all cases. A worker takes a due job with a lease (a conditional write),
 * runs it, and then completes it, puts it back for later, or records it as failed; each of
 * these holds only while the worker's lease does.
 */
export interface JobQueue {
  /** Jobs that may be taken at `now` (ISO time), the longest-waiting first. */
  due(now: string, limit: number): Promise<Job[]>;
  /** Takes a job until `leaseUntil`; undefined if another worker was first. */
  claim(job: Job, now: string, leaseUntil: string): Promise<Job | undefined>;
  complete(job: Job): Promise<void>;
  /** Releases a job to be taken again at `availableAt`. */
  retry(job: Job, availableAt: string, error: string): Promise<void>;
  /** Removes a job that cannot succeed and records the failure on its case. */
  fail(job: Job, failure: JobFailure): Promise<void>;
  /** Makes every waiting job of a kind due at `now` (a support channel was registered, say). */
  wake(kind: Job['kind'], now: string): Promise<void>;
  /** The jobs a case still waits for, due or not, held or not. */
  forCase(caseNumber: CaseNumber): Promise<Job[]>;
  /** The jobs by kind at `now` (ISO time): due, held by a live lease, and failed. */
  stats(now: string): Promise<JobStats>;
}

/** The wrong tries at a forgotten login under one key: a user, or an earlier case number. */
export interface TryRecord {
  /** When each recent wrong try was made (ISO times), oldest first. */
  tries: string[];
  /** Until when (ISO time) forgotten-login requests under this key are refused. */
  lockedUntil?: string;
}

/** Where wrong tries are counted: it outlives dialogs and restarts and is shared by instances. */
export interface TryCounter {
  /** The record under a key; an empty one when none was kept. */
  read(key: string): Promise<TryRecord>;
  /**
   * Applies `change` to the record under a key in one conditional write, read again and
   * retried on conflict, so that no concurrent change is lost. Resolves with what was written.
   */
  update(key: string, change: (record: TryRecord) => TryRecord): Promise<TryRecord>;
}

/** Adds jobs to a case that exists already, outside any transition of its state. */
export interface CaseJobAdder {
  /** Stores the jobs with their case, in one write; false (nothing written) if there is none. */
  addJobs(caseNumber: CaseNumber, jobs: Job[]): Promise<boolean>;
}

/** The marker of each day's digest: who holds it, and whether it was posted. */
export interface DigestMarkers {
  /**
   * Claims a day's digest for `token` until `leaseUntil`, in one conditional write: only when
   * it was not posted and no live claim holds it. True if this caller now holds it.
   */
  claim(day: string, token: string, now: string, leaseUntil: string): Promise<boolean>;
  /** Records the day's digest as done, while `token` still holds it. */
  markPosted(day: string, token: string, cases: number, at: string): Promise<void>;
}
