import { myCasesCard } from '../cards/my-cases-card';
import { statusCard } from '../cards/status-card';
import { parseCaseNumber } from '../cases/case-number';
import { caseForRequester, casesOfRequester } from '../cases/case-queries';
import { cardReply, textReply, type ChatTurn, type Reply } from './chat-turn';
import type { ConversationDeps } from './conversation-deps';
import { filedReply } from './filed-message';

/**
 * Answers `status <case number>`: the case's card. A case that is unknown or someone else's
 * gets the same answer, so that case numbers reveal nothing.
 */
export async function statusReplies(
  deps: ConversationDeps,
  typedNumber: string,
  turn: ChatTurn,
): Promise<Reply[]> {
  const parsed = parseCaseNumber(typedNumber);
  if (!parsed.ok) return [textReply(turn, 'problem.caseNumber.format')];
  const found = await caseForRequester(deps.workflow, parsed.value, turn.requester);
  if (!found) return [textReply(turn, 'status.unknown', { caseNumber: parsed.value })];
  return [cardReply(statusCard(found, turn.language))];
}

/** Answers `mine sager` / `my cases`: the requester's own cases, newest first. */
export async function myCasesReplies(deps: ConversationDeps, turn: ChatTurn): Promise<Reply[]> {
  const cases = await casesOfRequester(deps.workflow, turn.requester);
  if (cases.length === 0) return [textReply(turn, 'myCases.none')];
  return [cardReply(myCasesCard(cases, turn.language))];
}

/**
 * Answers a summary-card button whose intake is over. When its case was filed (a second
 * click, a retried delivery), the answer names that case; anything else says the summary is
 * closed. The number on the card is only a hint: the case must be the sender's own.
 */
export async function closedSummaryReplies(
  deps: ConversationDeps,
  caseNumber: string | undefined,
  turn: ChatTurn,
): Promise<Reply[]> {
  const parsed = caseNumber === undefined ? undefined : parseCaseNumber(caseNumber);
  const filed = parsed?.ok
    ? await caseForRequester(deps.workflow, parsed.value, turn.requester)
    : undefined;
  if (!filed) return [textReply(turn, 'summary.closed')];
  return [filedReply(turn.language, filed.caseNumber, filed.request)];
}
