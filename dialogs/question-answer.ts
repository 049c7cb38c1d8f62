import { MAX_ANSWER_LENGTH } from '../cases/case';
import { answerQuestion } from '../cases/information-request';
import { ANSWER_INPUT, type CardAction } from '../cards/card-actions';
import { textReply, type ChatTurn, type Reply } from './chat-turn';
import type { ConversationDeps } from './conversation-deps';

/** The submit of a question card: the answer, the case and which question it answers. */
export type AnswerAction = Extract<CardAction, { action: 'case.answer' }>;

/**
 * Answers an approver's question from its card, whatever else the chat is doing. A refused
 * answer is told why, and the card keeps what was typed for a second try.
 */
export async function answerReplies(
  deps: ConversationDeps,
  action: AnswerAction,
  turn: ChatTurn,
): Promise<Reply[]> {
  const caseNumber = action.caseNumber;
  const outcome = await answerQuestion(deps.workflow, caseNumber, turn.requester, {
    text: action[ANSWER_INPUT] ?? '',
    questionAt: action.questionAt,
  });
  switch (outcome.outcome) {
    case 'answered':
      return [textReply(turn, 'answer.sent', { caseNumber })];
    case 'alreadyDecided':
      return [textReply(turn, 'answer.alreadyDecided', { caseNumber })];
    case 'alreadyAnswered':
      return [textReply(turn, 'answer.alreadyAnswered', { caseNumber })];
    case 'unknownCase':
      return [textReply(turn, 'answer.unknown', { caseNumber })];
    case 'answerMissing':
      return [textReply(turn, 'answer.missing')];
    case 'answerHasCpr':
      return [textReply(turn, 'answer.hasCpr')];
    case 'answerTooLong':
      return [textReply(turn, 'answer.tooLong', { max: MAX_ANSWER_LENGTH })];
  }
}
