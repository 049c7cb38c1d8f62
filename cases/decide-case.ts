import type { Case, Person } from './case';
import type { InstitutionDirectory } from './secure-mail';
import type { WorkflowDeps } from './workflow-deps';

/** What deciding needs beyond the workflow: who may decide, and the institution directory. */
export interface DecisionDeps extends WorkflowDeps {
  /** Decided on the server from configuration, never from anything a card sends. */
  isApprover(aadObjectId: string): boolean;
  institutions: InstitutionDirectory;
}

/** Every way a decision can end; the caller must handle each (an exhaustive switch). */
export type DecisionOutcome =
  | { outcome: 'approved' | 'denied'; case: Case }
  | { outcome: 'alreadyDecided'; case: Case }
  | { outcome: 'notAnApprover' }
  | { outcome: 'ownCase' }
  | { outcome: 'unknownCase' }
  | { outcome: 'institutionUnknown'; case: Case }
  | { outcome: 'reasonMissing' };

/** The longest denial reason kept. */
export const MAX_REASON_LENGTH = 500;

/** A denial reason as kept: control characters removed, spaces folded, trimmed. */
export function cleanReason(reason: string): string {
  return reason
    .replace(/\p{Cc}/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, MAX_REASON_LENGTH)
    .trimEnd();
}

/** Approves a filed case and queues its secure mail, in one conditional write. */
export function approveCase(deps: DecisionDeps, caseNumber: string, approver: Person) {
  return decide(deps, caseNumber, approver, async (current, now) => {
    if (!(await deps.institutions.find(current.institution.cvr))) return 'institutionUnknown';
    return {
      ...current,
      state: 'approved',
      decision: { outcome: 'approved', by: approver, at: now },
      outbox: { state: 'pending', attempts: 0, nextAttemptAt: now },
    };
  });
}

/** Denies a filed case with a reason. */
export function denyCase(deps: DecisionDeps, caseNumber: string, approver: Person, reason: string) {
  const cleaned = cleanReason(reason);
  return decide(deps, caseNumber, approver, async (current, now) =>
    cleaned
      ? {
          ...current,
          state: 'denied',
          decision: { outcome: 'denied', by: approver, at: now, reason: cleaned },
        }
      : 'reasonMissing',
  );
}

/**
 * The checks every decision makes, then the transition filed → decided as one conditional
 * write: of two racing decisions exactly one wins, and the other is told who was first.
 */
async function decide(
  deps: DecisionDeps,
  caseNumber: string,
  approver: Person,
  transition: (
    current: Case,
    now: string,
  ) => Promise<Case | 'institutionUnknown' | 'reasonMissing'>,
): Promise<DecisionOutcome> {
  const audit = (action: string, detail?: string, cprHash?: string) =>
    deps.audit.append({
      at: deps.now().toISOString(),
      actor: approver,
      action,
      caseNumber,
      ...(cprHash ? { cprHash } : {}),
      ...(detail ? { detail } : {}),
    });
  if (!deps.isApprover(approver.aadObjectId)) {
    await audit('decision.refused', 'not an approver');
    return { outcome: 'notAnApprover' };
  }
  for (;;) {
    const found = await deps.cases.get(caseNumber);
    if (!found) {
      await audit('decision.refused', 'unknown case');
      return { outcome: 'unknownCase' };
    }
    const current = found.value;
    const hash = current.subject.cprHash;
    if (current.requester.aadObjectId === approver.aadObjectId) {
      await audit('decision.refused', 'own case', hash);
      return { outcome: 'ownCase' };
    }
    if (current.state !== 'filed') {
      await audit('decision.refused', 'already decided', hash);
      return { outcome: 'alreadyDecided', case: current };
    }
    const next = await transition(current, deps.now().toISOString());
    if (next === 'institutionUnknown') {
      await audit('decision.refused', 'institution not in the directory', hash);
      return { outcome: 'institutionUnknown', case: current };
    }
    if (next === 'reasonMissing') {
      await audit('decision.refused', 'denial without a reason', hash);
      return { outcome: 'reasonMissing' };
    }
    const written = await deps.cases.replace(next, found.version);
    if (written.ok) {
      await audit(`case.${next.state}`, next.decision?.reason, hash);
      return { outcome: next.state === 'approved' ? 'approved' : 'denied', case: next };
    }
    // Another writer was first: read again and answer from what is stored now.
  }
}
