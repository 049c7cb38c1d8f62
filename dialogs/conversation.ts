import type { CaseNumber } from '../cases/case-number';
import { menuCard } from '../cards/menu-card';
import { text, type Language } from '../texts';
import { closedSummaryReplies, myCasesReplies, statusReplies } from './case-replies';
import { cardReply, textReply, type ChatTurn, type Reply } from './chat-turn';
import { normalized, parseCommand, type Command } from './commands';
import type { ConversationDeps, Step } from './conversation-deps';
import type { Conversation, Flow, Intake, OpenFlow } from './conversation-state';
import { answerEligibility, repeatEligibility, startEligibility } from './eligibility';
import { answerIntake, repeatIntake, startIntake } from './intake';
import { answerReplies } from './question-answer';
import { answerStatusNumber, askStatusNumber, repeatStatusNumber } from './status-number';

/** What a message did to the conversation. */
export interface Outcome {
  conversation: Conversation;
  replies: Reply[];
  /** The language the user is spoken to in (their choice, else their client's locale). */
  language: Language;
  /** Set on the turn that filed a case. */
  filed?: CaseNumber;
}

/**
 * One message of a personal chat: `(conversation, message) → (conversation, replies)`.
 * Commands work at every question: `annuller` ends the flow, `hjælp`, `status` and
 * `mine sager` answer and then ask the open question again, and a new flow starts over.
 * `forgotten` says that a stored conversation could not be read and was started afresh.
 */
export async function converse(
  deps: ConversationDeps,
  stored: { conversation: Conversation; forgotten: boolean },
  turn: ChatTurn,
): Promise<Outcome> {
  const chosen = stored.conversation.language;
  const command = parseCommand(turn);
  // The user's choice goes before the locale their client sends.
  const language = command.kind === 'language' ? (command.choice ?? chosen) : chosen;
  const inLanguage = language ? { ...turn, language } : turn;
  const step = await route(deps, stored.conversation, inLanguage);
  const lastFiled = step.filed ?? stored.conversation.lastFiled;
  const replies = stored.forgotten
    ? [textReply(inLanguage, 'conversation.forgotten'), ...step.replies]
    : step.replies;
  return {
    conversation: {
      v: 2,
      ...(step.flow ? { flow: step.flow } : {}),
      ...(language ? { language } : {}),
      ...(lastFiled ? { lastFiled } : {}),
    },
    replies,
    language: inLanguage.language,
    ...(step.filed ? { filed: step.filed } : {}),
  };
}

async function route(
  deps: ConversationDeps,
  conversation: Conversation,
  turn: ChatTurn,
): Promise<Step> {
  const flow = conversation.flow;
  if (flow?.flow === 'intake' && ownsAction(flow, turn)) return answerIntake(deps, flow, turn);
  // An answer to an approver's question comes from its own card, whatever else is going on.
  if (turn.action?.action === 'case.answer') {
    const replies = await answerReplies(deps, turn.action, turn);
    return flow ? aside(deps, flow, replies, turn) : { replies };
  }
  const command = parseCommand(turn);
  if (!flow) return start(deps, command, turn, conversation.lastFiled);
  switch (command.kind) {
    case 'new':
    case 'forgotten': {
      const step = await start(deps, command, turn);
      return { ...step, replies: [textReply(turn, 'command.startedOver'), ...step.replies] };
    }
    case 'cancel':
      return { replies: [textReply(turn, 'command.cancelled')] };
    case 'help':
      return aside(deps, flow, [textReply(turn, 'help.text')], turn);
    case 'myCases':
      return aside(deps, flow, await myCasesReplies(deps, turn), turn);
    case 'status':
      if (!command.caseNumber.trim()) return askStatusNumber(interrupted(flow), turn);
      // "status <number>" answers the question for the number, too.
      if (flow.flow === 'statusNumber') {
        return answer(deps, flow, { ...turn, text: command.caseNumber });
      }
      return aside(deps, flow, await statusReplies(deps, command.caseNumber, turn), turn);
    case 'closedSummary':
      return aside(deps, flow, await closedSummaryReplies(deps, command.caseNumber, turn), turn);
    case 'language':
      return aside(deps, flow, [languageReply(command, turn)], turn);
    case 'unknown':
      return answer(deps, flow, turn);
  }
}

/** A command with nothing going on. */
async function start(
  deps: ConversationDeps,
  command: Command,
  turn: ChatTurn,
  lastFiled?: CaseNumber,
): Promise<Step> {
  switch (command.kind) {
    case 'new':
      return startEligibility(deps, turn);
    case 'forgotten':
      return startIntake(deps, 'forgotten', turn);
    case 'status':
      if (!command.caseNumber.trim()) return askStatusNumber(undefined, turn);
      return { replies: await statusReplies(deps, command.caseNumber, turn) };
    case 'myCases':
      return { replies: await myCasesReplies(deps, turn) };
    case 'help':
      return { replies: [textReply(turn, 'help.text')] };
    case 'cancel':
      return { replies: [textReply(turn, 'command.nothingToCancel')] };
    case 'closedSummary':
      return { replies: await closedSummaryReplies(deps, command.caseNumber, turn) };
    case 'language':
      return { replies: [languageReply(command, turn)] };
    case 'unknown':
      // A typed confirm with nothing open: the filing it meant may have been saved by a turn
      // whose answer never arrived (the process died between its save and its replies).
      if (lastFiled && isConfirmWord(turn)) {
        return { replies: await closedSummaryReplies(deps, lastFiled, turn) };
      }
      return {
        replies: [
          cardReply(menuCard(text(turn.language, 'problem.notUnderstoodIdle'), turn.language)),
        ],
      };
  }
}

function isConfirmWord(turn: ChatTurn): boolean {
  return normalized(turn.text) === text(turn.language, 'summary.words.confirm');
}

/** A message that is no command goes to the open flow as its answer. */
async function answer(deps: ConversationDeps, flow: Flow, turn: ChatTurn): Promise<Step> {
  switch (flow.flow) {
    case 'eligibility':
      return answerEligibility(deps, flow, turn);
    case 'intake':
      return answerIntake(deps, flow, turn);
    case 'statusNumber': {
      const { step, resumed } = await answerStatusNumber(deps, flow, turn);
      if (!resumed || !step.flow) return step;
      return { ...step, replies: [...step.replies, ...repeat(deps, step.flow, turn)] };
    }
  }
}

/** Confirms a language chosen, or offers the choice. */
function languageReply(command: Extract<Command, { kind: 'language' }>, turn: ChatTurn): Reply {
  if (command.choice) return textReply(turn, 'language.chosen');
  return {
    kind: 'text',
    text: text(turn.language, 'language.which'),
    choices: ['sprog dansk', 'language english'],
  };
}

/** A side answer, then the open question again. */
function aside(deps: ConversationDeps, flow: Flow, replies: Reply[], turn: ChatTurn): Step {
  return { flow, replies: [...replies, ...repeat(deps, flow, turn)] };
}

function repeat(deps: ConversationDeps, flow: Flow, turn: ChatTurn): Reply[] {
  switch (flow.flow) {
    case 'eligibility':
      return repeatEligibility(deps, flow, turn);
    case 'intake':
      return repeatIntake(deps, flow, turn);
    case 'statusNumber':
      return repeatStatusNumber(turn);
  }
}

/** The flow a status question returns to. */
function interrupted(flow: Flow): OpenFlow | undefined {
  return flow.flow === 'statusNumber' ? flow.resume : flow;
}

/**
 * A summary-card button belongs to the intake in progress, unless it names another case number:
 * then it sits on an earlier summary.
 */
function ownsAction(flow: Intake, turn: ChatTurn): boolean {
  const action = turn.action;
  if (action?.action === 'intake.forgottenInstead') return flow.phase === 'duplicate';
  if (!action?.action.startsWith('intake.')) return false;
  const named = 'caseNumber' in action ? action.caseNumber : undefined;
  return named === undefined || named === flow.caseNumber;
}

/** Records the id a tagged card was sent under (the summary, to replace it once filed). */
export function noteSent(
  conversation: Conversation,
  tag: 'summary',
  activityId: string,
): Conversation {
  const flow = conversation.flow;
  if (tag !== 'summary' || flow?.flow !== 'intake') return conversation;
  return { ...conversation, flow: { ...flow, summaryActivityId: activityId } };
}
