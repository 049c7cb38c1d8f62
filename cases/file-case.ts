import type { Case, LoginRequest, ProtectedCpr, Requester } from './case';
import type { CaseNumber } from './case-number';
import type { Cpr } from './cpr';
import { maskCpr } from './cpr';
import type { CprProtection } from './cpr-protection';
import type { Cvr } from './cvr';
import { jobsFor } from './effects';
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
  { outcome: 'filed'; caseNumber: CaseNumber } | { outcome: 'earlierCaseMismatch' };

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
 * and is about the same person. The caller must not say which of these failed.
 */
export async function earlierCaseMatches(
  deps: WorkflowDeps,
  earlierCaseNumber: CaseNumber,
  cprHash: string,
  reader: Requester,
): Promise<boolean> {
  const earlier = await deps.cases.get(earlierCaseNumber);
  await deps.audit.append({
    at: deps.now().toISOString(),
    actor: { aadObjectId: reader.aadObjectId, name: reader.name },
    action: 'case.read',
    caseNumber: earlierCaseNumber,
    cprHash,
    detail: 'checked as the earlier case of a forgotten-login request',
  });
  return (
    earlier?.state === 'mail_sent' &&
    earlier.mail.username !== undefined &&
    earlier.subject.cprHash === cprHash
  );
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
    const { earlierCaseNumber } = request.request;
    const hash = request.subject.cprHash;
    if (!(await earlierCaseMatches(deps, earlierCaseNumber, hash, request.requester))) {
      return { outcome: 'earlierCaseMismatch' };
    }
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
