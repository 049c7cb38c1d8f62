import type { LoginRequest } from '../cases/case';
import { checkEarlierCase, fileCase, reserveCaseNumber } from '../cases/file-case';
import type { EditableField } from '../cards/card-actions';
import { filedCard } from '../cards/filed-card';
import { DEFAULT_FILINGS_PER_HOUR, mayFile } from '../cases/filing-limit';
import { fieldLabel, fieldsOf, summaryCard } from '../cards/summary-card';
import { text } from '../texts';
import { askReply, readAnswer } from './ask';
import { textReply, type ChatTurn, type Reply } from './chat-turn';
import { normalized } from './commands';
import type { ConversationDeps, Step } from './conversation-deps';
import { MAX_ATTEMPTS, type Answers, type Intake } from './conversation-state';
import { filedReply } from './filed-message';
import { checkForDuplicates } from '../cases/duplicate-guard';
import {
  forgottenInstead,
  readDuplicateReason,
  repeatDuplicate,
  warnDuplicate,
} from './duplicate-check';

/**
 * The intake of a case: asks its fields one by one, checks a forgotten login's earlier case,
 * shows the summary card, and files the case on Confirm. Edit re-asks one field; a wrong
 * answer never loses the answers already given.
 */
export function startIntake(deps: ConversationDeps, kind: Intake['kind'], turn: ChatTurn): Step {
  const flow: Intake = {
    flow: 'intake',
    kind,
    answers: {},
    phase: 'asking',
    attempts: 0,
    verified: false,
    mismatches: 0,
  };
  return ask(deps, flow, fieldsOf(kind)[0]!, turn);
}

/** The open question (or the summary waiting for a button), asked again. */
export function repeatIntake(deps: ConversationDeps, flow: Intake, turn: ChatTurn): Reply[] {
  switch (flow.phase) {
    case 'asking':
      return [askReply(deps.questions[flow.asking ?? fieldsOf(flow.kind)[0]!], turn.language)];
    case 'review':
      return [textReply(turn, 'summary.pending')];
    case 'choosingField':
      return [chooseFieldReply(flow, turn)];
    case 'duplicate':
      return repeatDuplicate(flow, turn);
  }
}

/** One message to the intake: an answer, or a summary-card button or word. */
export async function answerIntake(
  deps: ConversationDeps,
  flow: Intake,
  turn: ChatTurn,
): Promise<Step> {
  const action = turn.action;
  const summaryButton = action?.action === 'intake.edit' || action?.action === 'intake.cancel';
  if (flow.phase === 'duplicate' && !summaryButton) {
    return answerDuplicate(deps, flow, turn);
  }
  const typed = normalized(turn.text);
  const words = (key: 'summary.words.confirm' | 'summary.words.edit') => text(turn.language, key);
  const reviewing = flow.phase !== 'asking';
  if (
    action?.action === 'intake.confirm' ||
    (reviewing && typed === words('summary.words.confirm'))
  ) {
    return reviewing ? file(deps, flow, turn) : answerFirst(deps, flow, turn);
  }
  if (action?.action === 'intake.cancel')
    return { replies: [textReply(turn, 'command.cancelled')] };
  if (action?.action === 'intake.edit') {
    return fieldsOf(flow.kind).includes(action.field)
      ? ask(deps, flow, action.field, turn)
      : { flow, replies: repeatIntake(deps, flow, turn) };
  }
  if (!reviewing) return answer(deps, flow, turn);
  const picked = fieldsOf(flow.kind).find(
    (f) => normalized(fieldLabel(f, turn.language)) === typed,
  );
  if (flow.phase === 'choosingField' && picked) return ask(deps, flow, picked, turn);
  if (typed === words('summary.words.edit')) {
    const choosing: Intake = { ...flow, phase: 'choosingField' };
    return { flow: choosing, replies: [chooseFieldReply(choosing, turn)] };
  }
  return { flow, replies: [textReply(turn, 'problem.notUnderstood')] };
}

async function answer(deps: ConversationDeps, flow: Intake, turn: ChatTurn): Promise<Step> {
  const field = flow.asking ?? fieldsOf(flow.kind)[0]!;
  const read = readAnswer<unknown>(deps.questions[field], turn, flow.attempts);
  if (!read.ok) {
    return read.stop
      ? { replies: read.replies }
      : { flow: { ...flow, attempts: read.attempts }, replies: read.replies };
  }
  const changesIdentity = field === 'cpr' || field === 'earlierCaseNumber' || field === 'cvr';
  const { asking: _asked, ...rest } = flow;
  const answered: Intake = {
    ...rest,
    answers: { ...flow.answers, [field]: read.value },
    attempts: 0,
    verified: changesIdentity ? false : flow.verified,
  };
  if (!changesIdentity) return next(deps, answered, turn);
  // Another person or institution: earlier cases and any reason given must be looked at anew.
  const { duplicateReason: _reason, duplicate: _warning, ...anew } = answered;
  return next(deps, { ...anew, duplicateChecked: false }, turn);
}

/** At the duplicate warning: a forgotten login instead, or a typed reason to go on. */
async function answerDuplicate(
  deps: ConversationDeps,
  flow: Intake,
  turn: ChatTurn,
): Promise<Step> {
  const action = turn.action;
  if (action?.action === 'intake.forgottenInstead') {
    return next(deps, forgottenInstead(flow, action.caseNumber), turn);
  }
  if (action) return { flow, replies: repeatDuplicate(flow, turn) };
  const read = readDuplicateReason(turn);
  if (!read.ok) {
    const attempts = flow.attempts + 1;
    if (attempts >= MAX_ATTEMPTS) return { replies: [textReply(turn, 'problem.tooManyAttempts')] };
    return { flow: { ...flow, attempts }, replies: [read.reply] };
  }
  const { duplicate: _warning, ...rest } = flow;
  const reasoned: Intake = {
    ...rest,
    phase: 'asking',
    attempts: 0,
    duplicateChecked: true,
    duplicateReason: read.reason,
  };
  return next(deps, reasoned, turn);
}

/** Checks a forgotten login's earlier case once it can, then asks what is missing or reviews. */
async function next(deps: ConversationDeps, flow: Intake, turn: ChatTurn): Promise<Step> {
  const { earlierCaseNumber, cpr, cvr } = flow.answers;
  // Checked as soon as all three are known, so that staff do not answer the rest in vain.
  if (flow.kind === 'forgotten' && !flow.verified && earlierCaseNumber && cpr && cvr) {
    const claim = { earlierCaseNumber, cprHash: cpr.cprHash, cvr };
    switch (await checkEarlierCase(deps.workflow, claim, turn.requester)) {
      case 'match':
        flow = { ...flow, verified: true };
        break;
      case 'mismatch':
        return mismatch(deps, flow, turn);
      case 'locked':
        return locked(turn);
    }
  }
  // A new login for a CPR with an issued login or an open case: staff are told before the summary.
  if (flow.kind === 'new' && !flow.duplicateChecked && cpr && cvr) {
    const claim = {
      cprHash: cpr.cprHash,
      cvr,
      ...(flow.caseNumber ? { except: flow.caseNumber } : {}),
    };
    const check = await checkForDuplicates(deps.workflow, claim, turn.requester);
    if (check.outcome === 'warning') return warnDuplicate(flow, check.warning, turn);
    if (check.outcome === 'locked') return { replies: [textReply(turn, 'duplicate.locked')] };
    flow = { ...flow, duplicateChecked: true };
  }
  const missing = fieldsOf(flow.kind).find((field) => flow.answers[field] === undefined);
  return missing ? ask(deps, flow, missing, turn) : review(deps, flow, turn);
}

/**
 * The earlier case, the CPR and the CVR do not go together: all three are asked again, three
 * times at most in one dialog (wrong tries are also counted across dialogs: see `locked`).
 */
async function mismatch(deps: ConversationDeps, flow: Intake, turn: ChatTurn): Promise<Step> {
  const mismatches = flow.mismatches + 1;
  if (mismatches >= MAX_ATTEMPTS) return { replies: [textReply(turn, 'problem.tooManyAttempts')] };
  const { earlierCaseNumber: _e, cpr: _c, cvr: _v, ...kept } = flow.answers;
  const step = await next(deps, { ...flow, answers: kept, mismatches, verified: false }, turn);
  return { ...step, replies: [textReply(turn, 'problem.earlierCaseMismatch'), ...step.replies] };
}

/** Too many wrong CPR tries: the earlier case is locked, and the flow ends. */
function locked(turn: ChatTurn): Step {
  return { replies: [textReply(turn, 'forgotten.locked')] };
}

function ask(deps: ConversationDeps, flow: Intake, field: EditableField, turn: ChatTurn): Step {
  const asking: Intake = { ...flow, phase: 'asking', asking: field, attempts: 0 };
  return { flow: asking, replies: [askReply(deps.questions[field], turn.language)] };
}

function answerFirst(deps: ConversationDeps, flow: Intake, turn: ChatTurn): Step {
  return {
    flow,
    replies: [textReply(turn, 'intake.answerFirst'), ...repeatIntake(deps, flow, turn)],
  };
}

function chooseFieldReply(flow: Intake, turn: ChatTurn): Reply {
  const labels = fieldsOf(flow.kind).map((f) => fieldLabel(f, turn.language));
  return { kind: 'text', text: text(turn.language, 'summary.editWhich'), choices: labels };
}

/** The summary card, with the number the case will be filed under reserved the first time. */
async function review(deps: ConversationDeps, flow: Intake, turn: ChatTurn): Promise<Step> {
  const caseNumber = flow.caseNumber ?? (await reserveCaseNumber(deps.workflow));
  const { asking: _asked, ...rest } = flow;
  const reviewing: Intake = { ...rest, phase: 'review', caseNumber };
  const answers = flow.answers as Answers;
  const card = summaryCard(
    {
      kind: flow.kind,
      caseNumber,
      cprMasked: answers.cpr.cprMasked,
      cvr: answers.cvr,
      recipient: answers.recipient,
      ...(flow.duplicateReason ? { duplicateReason: flow.duplicateReason } : {}),
      ...(flow.kind === 'forgotten'
        ? { earlierCaseNumber: answers.earlierCaseNumber, requested: answers.requested }
        : {}),
    },
    turn.language,
  );
  return { flow: reviewing, replies: [{ kind: 'card', card, tag: 'summary' }] };
}

function requestOf(flow: Intake): LoginRequest {
  const answers = flow.answers as Answers;
  return flow.kind === 'new'
    ? { kind: 'new', ...(flow.duplicateReason ? { duplicateReason: flow.duplicateReason } : {}) }
    : {
        kind: 'forgotten',
        earlierCaseNumber: answers.earlierCaseNumber,
        requested: answers.requested,
      };
}

/** Files the case under its reserved number: a retried or doubled Confirm gives the same case. */
async function file(deps: ConversationDeps, flow: Intake, turn: ChatTurn): Promise<Step> {
  const answers = flow.answers as Answers;
  // A state saved before numbers were reserved at the summary reserves one now.
  const caseNumber = flow.caseNumber ?? (await reserveCaseNumber(deps.workflow));
  const perHour = deps.filingsPerHour ?? DEFAULT_FILINGS_PER_HOUR;
  if (!(await mayFile(deps.workflow, turn.requester, caseNumber, perHour))) {
    // The summary stays open: confirming later files it.
    const waiting: Intake = { ...flow, caseNumber };
    return { flow: waiting, replies: [textReply(turn, 'filing.rateLimited', { perHour })] };
  }
  const request = requestOf(flow);
  const outcome = await fileCase(deps.workflow, caseNumber, {
    request,
    subject: answers.cpr,
    cvr: answers.cvr,
    recipient: answers.recipient,
    requester: turn.requester,
  });
  if (outcome.outcome === 'earlierCaseMismatch') return mismatch(deps, flow, turn);
  if (outcome.outcome === 'earlierCaseLocked') return locked(turn);
  // Someone filed for the CPR since the check: the warning now, the summary after a reason.
  if (outcome.outcome === 'duplicate') return warnDuplicate(flow, outcome.warning, turn);
  if (outcome.outcome === 'duplicateLocked') {
    return { replies: [textReply(turn, 'duplicate.locked')] };
  }
  const replies = [filedReply(turn.language, outcome.caseNumber, request)];
  // The summary loses its buttons: it now says under which number the case was filed.
  const summaryId = flow.summaryActivityId ?? turn.replyToId;
  if (summaryId) {
    const card = filedCard({ kind: flow.kind, caseNumber: outcome.caseNumber }, turn.language);
    replies.push({ kind: 'replaceCard', activityId: summaryId, card });
  }
  if (!(await deps.supportChannelReady()))
    replies.push(textReply(turn, 'requester.waitingForSupport'));
  return { replies, filed: outcome.caseNumber };
}
