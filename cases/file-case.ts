import {
  isErasedCase,
  type Case,
  type LoginRequest,
  type ProtectedCpr,
  type Requester,
} from './case';
import type { CaseNumber } from './case-number';
import type { Cpr } from './cpr';
import { maskCpr } from './cpr';
import type { CprProtection } from './cpr-protection';
import type { Cvr } from './cvr';
import { jobsFor } from './effects';
import {
  isEarlierCaseLocked,
  recordWrongTry,
  type EarlierCaseCheck,
  type EarlierCaseClaim,
} from './forgotten-login-guard';
import { checkDuplicateReason, checkForDuplicates, type DuplicateWarning } from './duplicate-guard';
import type { WorkflowDeps } from './workflow-deps';

export type { ProtectedCpr, Requester } from './case';

/** Everything staff give when they file a case. */
export interface CaseRequest {
  request: LoginRequest;
  subject: ProtectedCpr;
  cvr: Cvr;
  recipient: string;
  requester: Requester;
}

/** The outcome of filing. */
export type FileCaseOutcome =
  | { outcome: 'filed'; caseNumber: CaseNumber }
  | { outcome: 'earlierCaseMismatch' }
  /** Too many wrong CPR tries: the earlier case is locked for forgotten-login requests. */
  | { outcome: 'earlierCaseLocked' }
  /** A new login for a CPR with an issued login or an open case, and no reason given. */
  | { outcome: 'duplicate'; warning: DuplicateWarning }
  /** Too many duplicate warnings for this user today: nothing is looked up for them. */
  | { outcome: 'duplicateLocked' };

/** Protects a CPR the moment it is known, so that only this form is ever kept. */
export function protectCpr(protection: CprProtection, cpr: Cpr): ProtectedCpr {
  return {
    cprEncrypted: protection.encrypt(cpr),
    cprHash: protection.hash(cpr),
    cprMasked: maskCpr(cpr),
  };
}

/**
 * True when the earlier case of a forgotten-login request exists, had its credentials issued,
 * belongs to the institution of the request, is about the same person, and still has its
 * personal data: a case erased after the retention period kept its CPR hash but not the
 * username, so it cannot be used (staff file a new login). The caller must not say which of
 * these failed.
 */
export async function earlierCaseMatches(
  deps: WorkflowDeps,
  claim: EarlierCaseClaim,
  reader: Requester,
): Promise<boolean> {
  const earlier = await deps.cases.get(claim.earlierCaseNumber);
  await deps.audit.append({
    at: deps.now().toISOString(),
    actor: { aadObjectId: reader.aadObjectId, name: reader.name },
    action: 'case.read',
    caseNumber: claim.earlierCaseNumber,
    cprHash: claim.cprHash,
    detail: 'checked as the earlier case of a forgotten-login request',
  });
  return (
    earlier?.state === 'mail_sent' &&
    !isErasedCase(earlier) &&
    earlier.mail.username !== undefined &&
    earlier.institution.cvr === claim.cvr &&
    earlier.subject.cprHash === claim.cprHash
  );
}

/**
 * Checks a forgotten-login request's earlier case against its CPR and CVR, within the limit of
 * wrong tries: a locked case (or user) is not checked at all, and a wrong try is counted.
 */
export async function checkEarlierCase(
  deps: WorkflowDeps,
  claim: EarlierCaseClaim,
  reader: Requester,
): Promise<EarlierCaseCheck> {
  if (await isEarlierCaseLocked(deps, claim.earlierCaseNumber, reader)) {
    await deps.audit.append({
      at: deps.now().toISOString(),
      actor: { aadObjectId: reader.aadObjectId, name: reader.name },
      action: 'forgottenLogin.refused',
      caseNumber: claim.earlierCaseNumber,
      detail: 'refused unchecked: locked after too many wrong CPR tries',
    });
    return 'locked';
  }
  if (await earlierCaseMatches(deps, claim, reader)) return 'match';
  return (await recordWrongTry(deps, claim.earlierCaseNumber, reader)) ? 'locked' : 'mismatch';
}

/** True when a new login carries a reason to go on despite earlier cases that may be kept. */
function hasValidReason(request: LoginRequest): boolean {
  if (request.kind !== 'new' || typeof request.duplicateReason !== 'string') return false;
  const checked = checkDuplicateReason(request.duplicateReason);
  return checked.ok && checked.reason === request.duplicateReason;
}

/** Reserves the number a case will be filed under, before anything is filed. */
export function reserveCaseNumber(deps: WorkflowDeps): Promise<CaseNumber> {
  return deps.cases.reserveCaseNumber(deps.now().getUTCFullYear());
}

/**
 * Files a case under the number reserved for it when the summary was shown. Filing again
 * under the same number (a retry, a double click, a restart mid-turn) returns the case
 * already filed and writes nothing: one confirmation gives one case.
 */
export async function fileCase(
  deps: WorkflowDeps,
  caseNumber: CaseNumber,
  request: CaseRequest,
): Promise<FileCaseOutcome> {
  if (request.request.kind === 'forgotten') {
    const claim = {
      earlierCaseNumber: request.request.earlierCaseNumber,
      cprHash: request.subject.cprHash,
      cvr: request.cvr,
    };
    switch (await checkEarlierCase(deps, claim, request.requester)) {
      case 'match':
        break;
      case 'mismatch':
        return { outcome: 'earlierCaseMismatch' };
      case 'locked':
        return { outcome: 'earlierCaseLocked' };
    }
  }
  // Checked again at filing: another staff member may have filed for the CPR meanwhile. Only a
  // reason that passes the same rules as in the chat lets a new login go on despite them.
  if (request.request.kind === 'new' && !hasValidReason(request.request)) {
    const claim = { cprHash: request.subject.cprHash, cvr: request.cvr, except: caseNumber };
    const check = await checkForDuplicates(deps, claim, request.requester);
    if (check.outcome === 'warning') return { outcome: 'duplicate', warning: check.warning };
    if (check.outcome === 'locked') return { outcome: 'duplicateLocked' };
    request = { ...request, request: { kind: 'new' } };
  }
  const now = deps.now();
  const value: Case = {
    caseNumber,
    request: request.request,
    subject: request.subject,
    institution: { cvr: request.cvr, recipient: request.recipient },
    requester: request.requester,
    filedAt: now.toISOString(),
    failures: [],
    state: 'filed',
  };
  const actor = { aadObjectId: request.requester.aadObjectId, name: request.requester.name };
  const filed = { at: value.filedAt, actor, action: 'case.filed', caseNumber };
  const jobs = jobsFor(
    caseNumber,
    [{ kind: 'postCard' }, { kind: 'audit', entry: { ...filed, cprHash: value.subject.cprHash } }],
    now,
  );
  const stored = await deps.cases.create(value, jobs);
  if (stored.created) deps.jobsQueued?.(jobs);
  else if (stored.case.requester.aadObjectId !== request.requester.aadObjectId) {
    throw new Error(`case number ${caseNumber} was reserved twice`);
  }
  return { outcome: 'filed', caseNumber };
}
