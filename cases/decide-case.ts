import type { Case, Person } from './case';
import type { CaseNumber } from './case-number';
import { auditUnknownCase, runCommand, type CommandOutcome } from './run-command';
import type { InstitutionDirectory } from './secure-mail';
import type { WorkflowDeps } from './workflow-deps';

export { cleanReason, MAX_REASON_LENGTH } from './lifecycle';

/** What deciding needs beyond the workflow: the institution directory. */
export interface DecisionDeps extends WorkflowDeps {
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
  | { outcome: 'reasonMissing' }
  | { outcome: 'reasonHasCpr' };

/** Approves a filed case; the same write queues its secure mail and the card's update. */
export async function approveCase(
  deps: DecisionDeps,
  caseNumber: CaseNumber,
  approver: Person,
): Promise<DecisionOutcome> {
  const outcome = await runCommand(deps, caseNumber, async (current) => ({
    kind: 'approve',
    by: approver,
    institutionListed: Boolean(await deps.institutions.find(current.institution.cvr)),
  }));
  return decisionOutcome(deps, caseNumber, approver, outcome);
}

/** Denies a filed case with a reason; the requester is told. */
export async function denyCase(
  deps: DecisionDeps,
  caseNumber: CaseNumber,
  approver: Person,
  reason: string,
): Promise<DecisionOutcome> {
  const outcome = await runCommand(deps, caseNumber, () => ({
    kind: 'deny',
    by: approver,
    reason,
  }));
  return decisionOutcome(deps, caseNumber, approver, outcome);
}

async function decisionOutcome(
  deps: DecisionDeps,
  caseNumber: CaseNumber,
  approver: Person,
  outcome: CommandOutcome,
): Promise<DecisionOutcome> {
  switch (outcome.outcome) {
    case 'done':
      return {
        outcome: outcome.case.state === 'denied' ? 'denied' : 'approved',
        case: outcome.case,
      };
    case 'unknownCase':
      await auditUnknownCase(deps, approver, 'decision.refused', caseNumber);
      return { outcome: 'unknownCase' };
    case 'refused':
      switch (outcome.refusal) {
        case 'wrongState':
          return { outcome: 'alreadyDecided', case: outcome.case };
        case 'institutionUnknown':
          return { outcome: 'institutionUnknown', case: outcome.case };
        case 'notAnApprover':
        case 'ownCase':
        case 'reasonMissing':
        case 'reasonHasCpr':
          return { outcome: outcome.refusal };
        default:
          throw new Error(`a decision cannot be refused as ${outcome.refusal}`);
      }
  }
}
