import {
  closedStates,
  MAX_DUPLICATE_REASON_LENGTH,
  type Case,
  type CaseState,
  type Requester,
} from './case';
import { hasCprShape } from './cpr-shape';
import { TRY_WINDOW_MS, withWrongTry } from './forgotten-login-guard';
import { cleanText } from './lifecycle';
import type { CaseNumber } from './case-number';
import type { Cvr } from './cvr';
import type { WorkflowDeps } from './workflow-deps';

/**
 * The duplicate guard: a new login for a CPR that has an issued Unilogin (`mail_sent`) or an
 * open case would give one parent two accounts. Cases are found by the keyed CPR hash alone,
 * which retention keeps, so an erased case still counts.
 */

/** An earlier case as staff and approvers may see it: no personal data. */
export interface EarlierCase {
  caseNumber: CaseNumber;
  state: CaseState;
  filedAt: string;
  /** When it closed (mail sent, denied), if it did. */
  closedAt?: string;
}

/** What staff are told before the summary of a new login. */
export interface DuplicateWarning {
  /** Their own institution's cases (same CVR), oldest first: these they may see by number. */
  own: EarlierCase[];
  /** Of those, the issued ones a forgotten login can be asked for. */
  forgettable: CaseNumber[];
  /** How many such cases other institutions have: counted, never named. */
  elsewhere: number;
}

/** True for a case that gave, or may still give, the person a Unilogin. */
export const blocksNewLogin = (value: Case): boolean =>
  value.state === 'mail_sent' || !(closedStates as readonly CaseState[]).includes(value.state);

/** A case as an earlier case of the same CPR. */
export function earlierCaseOf(value: Case): EarlierCase {
  const closed =
    value.state === 'mail_sent'
      ? value.mail.sentAt
      : value.state === 'denied'
        ? value.decision.at
        : undefined;
  return {
    caseNumber: value.caseNumber,
    state: value.state,
    filedAt: value.filedAt,
    ...(closed ? { closedAt: closed } : {}),
  };
}

/** Every other case with the same CPR hash, oldest first (for the approval card). */
export async function otherCasesOfSubject(
  deps: Pick<WorkflowDeps, 'cases'>,
  value: Case,
): Promise<EarlierCase[]> {
  const found = await deps.cases.listBySubject(value.subject.cprHash);
  return found.filter((other) => other.caseNumber !== value.caseNumber).map(earlierCaseOf);
}

/**
 * Looks for issued or open cases of a CPR before a new login is filed (`except` is the number
 * reserved for the new case itself, which a retried filing may have stored). Undefined when
 * there are none; the cases shown to the reader are audited as read.
 */
export async function duplicateWarning(
  deps: WorkflowDeps,
  claim: { cprHash: string; cvr: Cvr; except?: CaseNumber },
  reader: Requester,
): Promise<DuplicateWarning | undefined> {
  const found = (await deps.cases.listBySubject(claim.cprHash)).filter(
    (value) => value.caseNumber !== claim.except && blocksNewLogin(value),
  );
  if (found.length === 0) return undefined;
  const own = found.filter((value) => value.institution.cvr === claim.cvr);
  for (const value of own) {
    await deps.audit.append({
      at: deps.now().toISOString(),
      actor: { aadObjectId: reader.aadObjectId, name: reader.name },
      action: 'case.read',
      caseNumber: value.caseNumber,
      cprHash: claim.cprHash,
      detail: 'shown as an earlier case of the same CPR before a new login',
    });
  }
  return {
    own: own.map(earlierCaseOf),
    forgettable: own
      .filter((value) => value.state === 'mail_sent' && !('erased' in value.subject))
      .map((value) => value.caseNumber),
    elsewhere: found.length - own.length,
  };
}

/** The shortest reason for a new login despite earlier cases: a word or two is not one. */
export const MIN_DUPLICATE_REASON_LENGTH = 5;

/** A reason as kept (control characters out, spaces folded), or what is wrong with it. */
export function checkDuplicateReason(
  typed: string,
): { ok: true; reason: string } | { ok: false; problem: 'short' | 'long' | 'cpr' } {
  const reason = cleanText(typed);
  if (reason.length < MIN_DUPLICATE_REASON_LENGTH) return { ok: false, problem: 'short' };
  if (reason.length > MAX_DUPLICATE_REASON_LENGTH) return { ok: false, problem: 'long' };
  // It is stored on the case and shown on the approval card: never a CPR in clear.
  if (hasCprShape(reason)) return { ok: false, problem: 'cpr' };
  return { ok: true, reason };
}

/** The counter's key of a user's duplicate warnings: one try per CPR warned about. */
export const duplicateTryKey = (aadObjectId: string) => `duplicate-user:${aadObjectId}`;
/** The counter's key of one user's warnings about one CPR (a warning seen again costs nothing). */
const duplicatePairKey = (aadObjectId: string, cprHash: string) =>
  `duplicate-user:${aadObjectId}:${cprHash}`;
/** Different CPRs with earlier cases a user may be warned about in 24 h before the lock. */
export const MAX_DUPLICATE_CPRS = 10;

/** What the guard says before a new login goes on. */
export type DuplicateCheck =
  | { outcome: 'clear' }
  | { outcome: 'warning'; warning: DuplicateWarning }
  /**
   * Too many warnings for this user in 24 h: no CPR is looked up for them until it passes,
   * whether it has cases or not, so that the guard cannot be used to test CPR numbers.
   */
  | { outcome: 'locked' };

/**
 * Counts a warning for the user, once per CPR in the window (staff who cancel and start again
 * for the same parent are not probing); resolves with how many CPRs the user was warned about.
 */
async function countWarning(
  deps: WorkflowDeps,
  reader: Requester,
  cprHash: string,
  now: Date,
): Promise<number> {
  const key = duplicateTryKey(reader.aadObjectId);
  const pair = await deps.tries.read(duplicatePairKey(reader.aadObjectId, cprHash));
  const since = new Date(now.getTime() - TRY_WINDOW_MS).toISOString();
  if (pair.tries.some((at) => at > since)) return (await deps.tries.read(key)).tries.length;
  await deps.tries.update(duplicatePairKey(reader.aadObjectId, cprHash), (r) =>
    withWrongTry(r, now, MAX_DUPLICATE_CPRS),
  );
  const user = await deps.tries.update(key, (r) => withWrongTry(r, now, MAX_DUPLICATE_CPRS));
  return user.tries.length;
}

/**
 * The duplicate guard with its limit: each CPR a user is warned about counts (24 h window);
 * at `MAX_DUPLICATE_CPRS` the user is locked out of the check for 24 h.
 * Every warning and refusal is audited under the CPR hash, so a person's data-subject export
 * shows who looked them up.
 */
export async function checkForDuplicates(
  deps: WorkflowDeps,
  claim: { cprHash: string; cvr: Cvr; except?: CaseNumber },
  reader: Requester,
): Promise<DuplicateCheck> {
  const now = deps.now();
  const actor = { aadObjectId: reader.aadObjectId, name: reader.name };
  const record = await deps.tries.read(duplicateTryKey(reader.aadObjectId));
  if (record.lockedUntil !== undefined && record.lockedUntil > now.toISOString()) {
    await deps.audit.append({
      at: now.toISOString(),
      actor,
      action: 'duplicate.refused',
      cprHash: claim.cprHash,
      detail: 'not looked up: too many duplicate warnings in 24 h',
    });
    return { outcome: 'locked' };
  }
  const warning = await duplicateWarning(deps, claim, reader);
  if (!warning) return { outcome: 'clear' };
  const counted = await countWarning(deps, reader, claim.cprHash, now);
  await deps.audit.append({
    at: now.toISOString(),
    actor,
    action: 'duplicate.warned',
    cprHash: claim.cprHash,
    detail: `${warning.own.length} own and ${warning.elsewhere} other cases; CPR ${counted} warned about in 24 h`,
  });
  return { outcome: 'warning', warning };
}
