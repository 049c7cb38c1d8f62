import type { Case, Person, Requester } from './case';
import type { CaseNumber } from './case-number';
import { auditUnknownCase, runCommand, type CommandOutcome } from './run-command';
import type { WorkflowDeps } from './workflow-deps';

/**
 * The approver's question to the requester ("Bed om oplysninger") and the requester's answer.
 * Both are first-writer-wins transitions (`lifecycle.ts`): ten clicks on Ask give one question,
 * and an answer to a case decided meanwhile changes nothing.
 */

/** Every way asking can end; the caller must handle each. */
export type AskOutcome =
  | { outcome: 'asked'; case: Case }
  /** A question is open already (someone was first), or the case was decided. */
  | { outcome: 'alreadyAsked' | 'alreadyDecided'; case: Case }
  | {
      outcome:
        | 'notAnApprover'
        | 'ownCase'
        | 'unknownCase'
        | 'questionMissing'
        | 'questionHasCpr'
        | 'questionTooLong';
    };

/** Asks the requester of a filed case a question; the case waits for the answer. */
export async function askRequester(
  deps: WorkflowDeps,
  caseNumber: CaseNumber,
  approver: Person,
  question: string,
): Promise<AskOutcome> {
  const outcome = await runCommand(deps, caseNumber, () => ({
    kind: 'ask',
    by: approver,
    question,
  }));
  return askOutcome(deps, caseNumber, approver, outcome);
}

async function askOutcome(
  deps: WorkflowDeps,
  caseNumber: CaseNumber,
  approver: Person,
  outcome: CommandOutcome,
): Promise<AskOutcome> {
  switch (outcome.outcome) {
    case 'done':
      return { outcome: 'asked', case: outcome.case };
    case 'unknownCase':
      await auditUnknownCase(deps, approver, 'question.refused', caseNumber);
      return { outcome: 'unknownCase' };
    case 'refused':
      switch (outcome.refusal) {
        case 'wrongState':
          return {
            outcome: outcome.case.state === 'info_requested' ? 'alreadyAsked' : 'alreadyDecided',
            case: outcome.case,
          };
        case 'notAnApprover':
        case 'ownCase':
        case 'questionMissing':
        case 'questionHasCpr':
        case 'questionTooLong':
          return { outcome: outcome.refusal };
        default:
          throw new Error(`a question cannot be refused as ${outcome.refusal}`);
      }
  }
}

/** Every way answering can end; the caller must handle each. */
export type AnswerOutcome =
  | { outcome: 'answered'; case: Case }
  /** The case was approved or denied while it waited. */
  | { outcome: 'alreadyDecided'; case: Case }
  /** That question was answered already (a second click, or an older card). */
  | { outcome: 'alreadyAnswered'; case: Case }
  /** No such case, or not the answerer's own: answered alike, so numbers reveal nothing. */
  | { outcome: 'unknownCase' }
  | { outcome: 'answerMissing' | 'answerHasCpr' | 'answerTooLong' };

/** The requester's answer to the open question of their case; the case returns to `filed`. */
export async function answerQuestion(
  deps: WorkflowDeps,
  caseNumber: CaseNumber,
  requester: Requester,
  answer: { text: string; questionAt: string },
): Promise<AnswerOutcome> {
  const by = { aadObjectId: requester.aadObjectId, name: requester.name };
  const outcome = await runCommand(deps, caseNumber, () => ({ kind: 'answer', by, ...answer }));
  switch (outcome.outcome) {
    case 'done':
      return { outcome: 'answered', case: outcome.case };
    case 'unknownCase':
      await auditUnknownCase(deps, by, 'answer.refused', caseNumber);
      return { outcome: 'unknownCase' };
    case 'refused':
      switch (outcome.refusal) {
        case 'notRequester':
          return { outcome: 'unknownCase' };
        case 'wrongState':
          return { outcome: 'alreadyDecided', case: outcome.case };
        case 'alreadyAnswered':
          return { outcome: 'alreadyAnswered', case: outcome.case };
        case 'answerMissing':
        case 'answerHasCpr':
        case 'answerTooLong':
          return { outcome: outcome.refusal };
        default:
          throw new Error(`an answer cannot be refused as ${outcome.refusal}`);
      }
  }
}
