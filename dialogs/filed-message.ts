import type { TurnContext } from 'botbuilder';
import type { CaseNumber } from '../cases/case-number';
import { caseForRequester } from '../cases/case-queries';
import type { WorkflowDeps } from '../cases/workflow-deps';
import { requesterOf } from './requester';
import { say } from './turn-language';

/** What the requester is told once a case is filed: its number, what happens next, Aula. */
export function filedMessage(context: TurnContext, caseNumber: string): string {
  return [
    say(context, 'filed.caseNumber', { caseNumber }),
    say(context, 'filed.processing'),
    say(context, 'filed.aula'),
  ].join('\n\n');
}

/**
 * Answers Confirm on a summary whose intake is over. When its case was filed (a second click,
 * a retried delivery), the answer names that case; anything else says the summary is closed.
 * The number on the card is only a hint: the case must be the sender's own.
 */
export async function replyToClosedSummary(
  context: TurnContext,
  workflow: WorkflowDeps,
  caseNumber: CaseNumber | undefined,
): Promise<void> {
  const filed = caseNumber
    ? await caseForRequester(workflow, caseNumber, requesterOf(context.activity))
    : undefined;
  await context.sendActivity(
    filed ? filedMessage(context, filed.caseNumber) : say(context, 'summary.closed'),
  );
}
