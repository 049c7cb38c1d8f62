import type { Case, CaseState, JobFailure, SupportThread } from './case';
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
  /** The cases a person filed, newest first. */
  listByRequester(aadObjectId: string, limit: number): Promise<Case[]>;
  /** Cases in any of the given states, oldest first. */
  listByState(states: readonly CaseState[], limit: number): Promise<Case[]>;
  /** Cases with a side effect that could not succeed, oldest first. */
  listWithFailures(limit: number): Promise<Case[]>;
}

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
}
