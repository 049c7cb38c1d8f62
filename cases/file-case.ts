import type { Case, RequestedItems } from './case';
import type { Cpr } from './cpr';
import { maskCpr } from './cpr';
import type { CprProtection } from './cpr-protection';
import type { Cvr } from './cvr';
import type { WorkflowDeps } from './workflow-deps';

/** The CPR as a case keeps it: encrypted, keyed hash, masked. */
export type ProtectedCpr = Case['subject'];

/** Who filed a case, and where to tell them about it. */
export type Requester = Case['requester'];

/** Everything staff give when they file a case. */
export interface CaseRequest {
  kind: Case['kind'];
  subject: ProtectedCpr;
  cvr: Cvr;
  recipient: string;
  requester: Requester;
  /** Forgotten login only. */
  requested?: RequestedItems;
  earlierCaseNumber?: string;
}

/** The outcome of filing. */
export type FileCaseOutcome =
  { outcome: 'filed'; caseNumber: string } | { outcome: 'earlierCaseMismatch' };

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
  earlierCaseNumber: string,
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
  const issued = earlier?.value.state === 'mail_sent' && earlier.value.username !== undefined;
  return Boolean(issued && earlier?.value.subject.cprHash === cprHash);
}

/** Files a case: checks a forgotten login's earlier case, allocates a number, stores it. */
export async function fileCase(deps: WorkflowDeps, request: CaseRequest): Promise<FileCaseOutcome> {
  if (request.kind === 'forgotten') {
    const earlier = request.earlierCaseNumber ?? '';
    const matches = await earlierCaseMatches(
      deps,
      earlier,
      request.subject.cprHash,
      request.requester,
    );
    if (!matches) return { outcome: 'earlierCaseMismatch' };
  }
  const filedAt = deps.now();
  const caseNumber = await deps.cases.nextCaseNumber(filedAt.getUTCFullYear());
  const value: Case = {
    caseNumber,
    kind: request.kind,
    ...(request.kind === 'forgotten'
      ? { requested: request.requested, earlierCaseNumber: request.earlierCaseNumber }
      : {}),
    subject: request.subject,
    institution: { cvr: request.cvr, recipient: request.recipient },
    requester: request.requester,
    filedAt: filedAt.toISOString(),
    state: 'filed',
  };
  const stored = await deps.cases.create(value);
  if (!stored.ok) throw new Error(`case number ${caseNumber} was handed out twice`);
  await deps.audit.append({
    at: value.filedAt,
    actor: { aadObjectId: request.requester.aadObjectId, name: request.requester.name },
    action: 'case.filed',
    caseNumber,
    cprHash: request.subject.cprHash,
  });
  return { outcome: 'filed', caseNumber };
}
