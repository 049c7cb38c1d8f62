import type { Person, Requester } from './case';
import type { CaseNumber } from './case-number';
import type { Cvr } from './cvr';
import { jobsFor } from './effects';
import type { TryRecord } from './ports';
import type { WorkflowDeps } from './workflow-deps';

/** Wrong CPR tries in the window, per user or per earlier case, before the earlier case locks. */
export const MAX_WRONG_TRIES = 5;
/** How long a wrong try counts, and how long a lock holds from the try that set it. */
export const TRY_WINDOW_MS = 24 * 60 * 60 * 1000;

/** What a forgotten-login request claims about its earlier case. */
export interface EarlierCaseClaim {
  earlierCaseNumber: CaseNumber;
  cprHash: string;
  /** The CVR given in the new request: the earlier case must belong to it. */
  cvr: Cvr;
}

/**
 * The answer to a claim. The caller must not say why a claim is a `mismatch` (no such case,
 * another institution's, not issued, another CPR), nor whether a `locked` case exists.
 */
export type EarlierCaseCheck = 'match' | 'mismatch' | 'locked';

/** The counter's key of a user's wrong tries. */
export const userTryKey = (aadObjectId: string) => `user:${aadObjectId}`;
/** The counter's key of an earlier case number's wrong tries. */
export const caseTryKey = (caseNumber: CaseNumber) => `case:${caseNumber}`;

const isLocked = (record: TryRecord, now: Date) =>
  record.lockedUntil !== undefined && record.lockedUntil > now.toISOString();

/**
 * The record with one more try at `at`; the try that reaches `limit` in the window sets the
 * lock. A record never keeps more than twice the limit: the window needs only the last few.
 */
export function withWrongTry(record: TryRecord, at: Date, limit = MAX_WRONG_TRIES): TryRecord {
  const since = new Date(at.getTime() - TRY_WINDOW_MS).toISOString();
  const tries = [...record.tries.filter((t) => t > since), at.toISOString()].slice(-2 * limit);
  if (tries.length >= limit && !isLocked(record, at)) {
    return { tries, lockedUntil: new Date(at.getTime() + TRY_WINDOW_MS).toISOString() };
  }
  return record.lockedUntil ? { tries, lockedUntil: record.lockedUntil } : { tries };
}

/** Whether an earlier case, or the user, is locked for forgotten-login requests now. */
export async function isEarlierCaseLocked(
  deps: WorkflowDeps,
  earlierCaseNumber: CaseNumber,
  reader: Requester,
): Promise<boolean> {
  const now = deps.now();
  const [user, earlier] = await Promise.all([
    deps.tries.read(userTryKey(reader.aadObjectId)),
    deps.tries.read(caseTryKey(earlierCaseNumber)),
  ]);
  return isLocked(user, now) || isLocked(earlier, now);
}

/**
 * Records a wrong CPR try for the user and the earlier case. The try that reaches the limit
 * (for either) locks the earlier case and queues one alert to STIL support on it, if it
 * exists. Resolves with whether the case is locked now.
 */
export async function recordWrongTry(
  deps: WorkflowDeps,
  earlierCaseNumber: CaseNumber,
  reader: Requester,
): Promise<boolean> {
  const now = deps.now();
  const user = await deps.tries.update(userTryKey(reader.aadObjectId), (r) => withWrongTry(r, now));
  // The change runs once per attempt of the conditional write; the last run is the one written.
  let lockedNow = false;
  const earlier = await deps.tries.update(caseTryKey(earlierCaseNumber), (record) => {
    let next = withWrongTry(record, now);
    if (isLocked(user, now) && !isLocked(next, now))
      next = { ...next, lockedUntil: user.lockedUntil };
    lockedNow = !isLocked(record, now) && isLocked(next, now);
    return next;
  });
  const actor: Person = { aadObjectId: reader.aadObjectId, name: reader.name };
  const counts = { caseTries: earlier.tries.length, userTries: user.tries.length };
  await deps.audit.append({
    at: now.toISOString(),
    actor,
    action: 'forgottenLogin.mismatch',
    caseNumber: earlierCaseNumber,
    detail: `wrong CPR try: ${counts.caseTries} on this case and ${counts.userTries} by this user in 24 h`,
  });
  if (lockedNow) {
    const lockedUntil = earlier.lockedUntil!;
    await deps.audit.append({
      at: now.toISOString(),
      actor,
      action: 'forgottenLogin.locked',
      caseNumber: earlierCaseNumber,
      detail: `locked for forgotten-login requests until ${lockedUntil}`,
    });
    const jobs = jobsFor(
      earlierCaseNumber,
      [{ kind: 'alertSupport', ...counts, at: now.toISOString(), lockedUntil, by: actor }],
      now,
    );
    // An unknown number has nothing to protect: the audit entry is all there is.
    if (await deps.jobs.addJobs(earlierCaseNumber, jobs)) deps.jobsQueued?.(jobs);
  }
  return isLocked(earlier, now);
}
