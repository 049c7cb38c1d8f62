import type { TextKey } from '../texts';
import { askReply, readAnswer } from './ask';
import { textReply, type ChatTurn } from './chat-turn';
import type { ConversationDeps, Step } from './conversation-deps';
import type { Eligibility } from './conversation-state';
import { startIntake } from './intake';
import type { Questions } from './questions';

type GateQuestion =
  'eligibility.contactPerson' | 'eligibility.registered' | 'eligibility.triedMitId';

/** The three yes/no questions of a new login's gate, and what a "no" to each says to do. */
const gate: { question: GateQuestion; ifNo: TextKey }[] = [
  { question: 'eligibility.contactPerson', ifNo: 'eligibility.no.contactPerson' },
  { question: 'eligibility.registered', ifNo: 'eligibility.no.registered' },
  { question: 'eligibility.triedMitId', ifNo: 'eligibility.no.triedMitId' },
];

const questionOf = (deps: ConversationDeps, flow: Eligibility): Questions[GateQuestion] =>
  deps.questions[gate[flow.step]!.question];

/** Flow 1 begins with the gate: nothing personal is asked before it is passed. */
export function startEligibility(deps: ConversationDeps, turn: ChatTurn): Step {
  const flow: Eligibility = { flow: 'eligibility', step: 0, attempts: 0 };
  return { flow, replies: repeatEligibility(deps, flow, turn) };
}

/** The open question of the gate, asked again. */
export function repeatEligibility(deps: ConversationDeps, flow: Eligibility, turn: ChatTurn) {
  return [askReply(questionOf(deps, flow), turn.language)];
}

/** A yes goes on (to the intake after the last question); a no ends with what to do instead. */
export async function answerEligibility(
  deps: ConversationDeps,
  flow: Eligibility,
  turn: ChatTurn,
): Promise<Step> {
  const answer = readAnswer(questionOf(deps, flow), turn, flow.attempts);
  if (!answer.ok) {
    return answer.stop
      ? { replies: answer.replies }
      : { flow: { ...flow, attempts: answer.attempts }, replies: answer.replies };
  }
  if (!answer.value) return { replies: [textReply(turn, gate[flow.step]!.ifNo)] };
  if (flow.step === gate.length - 1) return startIntake(deps, 'new', turn);
  const next: Eligibility = { flow: 'eligibility', step: flow.step + 1, attempts: 0 };
  return { flow: next, replies: repeatEligibility(deps, next, turn) };
}
