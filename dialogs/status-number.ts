import { parseCaseNumber } from '../cases/case-number';
import { textReply, type ChatTurn, type Reply } from './chat-turn';
import type { ConversationDeps, Step } from './conversation-deps';
import { statusReplies } from './case-replies';
import { MAX_ATTEMPTS, type OpenFlow, type StatusNumber } from './conversation-state';

/** `status` without a number: asks for it, remembering the flow to return to afterwards. */
export function askStatusNumber(resume: OpenFlow | undefined, turn: ChatTurn): Step {
  const flow: StatusNumber = { flow: 'statusNumber', attempts: 0, ...(resume ? { resume } : {}) };
  return { flow, replies: repeatStatusNumber(turn) };
}

export function repeatStatusNumber(turn: ChatTurn): Reply[] {
  return [textReply(turn, 'ask.statusNumber')];
}

/**
 * The number arrives: the status is shown and the flow it interrupted goes on (its question is
 * asked again by the caller, through `resume`).
 */
export async function answerStatusNumber(
  deps: ConversationDeps,
  flow: StatusNumber,
  turn: ChatTurn,
): Promise<{ step: Step; resumed: boolean }> {
  const parsed = parseCaseNumber(turn.text);
  if (parsed.ok) {
    const replies = await statusReplies(deps, parsed.value, turn);
    return { step: { ...(flow.resume ? { flow: flow.resume } : {}), replies }, resumed: true };
  }
  const attempts = flow.attempts + 1;
  if (attempts >= MAX_ATTEMPTS) {
    // Giving up on the status question does not end the flow it interrupted.
    const replies = [textReply(turn, 'problem.statusNumberGivenUp')];
    return { step: { ...(flow.resume ? { flow: flow.resume } : {}), replies }, resumed: true };
  }
  const replies = [textReply(turn, 'problem.caseNumber.format'), ...repeatStatusNumber(turn)];
  return { step: { flow: { ...flow, attempts }, replies }, resumed: false };
}
