import { CardFactory, MessageFactory, type TurnContext } from 'botbuilder';
import { myCasesCard } from '../cards/my-cases-card';
import { statusCard } from '../cards/status-card';
import { parseCaseNumber } from '../cases/case-number';
import { caseForRequester, casesOfRequester } from '../cases/case-queries';
import type { WorkflowDeps } from '../cases/workflow-deps';
import { requesterOf } from './requester';
import { languageOfTurn, say } from './turn-language';

/** Answers `status <case number>`: the case's card, or the same answer for unknown and foreign. */
export async function replyWithStatus(
  context: TurnContext,
  workflow: WorkflowDeps,
  typedNumber: string,
): Promise<void> {
  if (!typedNumber.trim()) {
    await context.sendActivity(say(context, 'command.statusNeedsNumber'));
    return;
  }
  const parsed = parseCaseNumber(typedNumber);
  if (!parsed.ok) {
    await context.sendActivity(say(context, 'problem.caseNumber.format'));
    return;
  }
  const found = await caseForRequester(workflow, parsed.value, requesterOf(context.activity));
  if (!found) {
    await context.sendActivity(say(context, 'status.unknown', { caseNumber: parsed.value }));
    return;
  }
  const card = statusCard(found, languageOfTurn(context));
  await context.sendActivity(MessageFactory.attachment(CardFactory.adaptiveCard(card)));
}

/** Answers `mine sager` / `my cases`: the requester's own cases, newest first. */
export async function replyWithMyCases(
  context: TurnContext,
  workflow: WorkflowDeps,
): Promise<void> {
  const cases = await casesOfRequester(workflow, requesterOf(context.activity));
  if (cases.length === 0) {
    await context.sendActivity(say(context, 'myCases.none'));
    return;
  }
  const card = myCasesCard(cases, languageOfTurn(context));
  await context.sendActivity(MessageFactory.attachment(CardFactory.adaptiveCard(card)));
}
