import type { AdaptiveCardInvokeResponse } from 'botbuilder';
import type { AdaptiveCard } from '../cards/adaptive-card';
import { noAccessCard } from '../cards/no-access-card';
import { MAX_QUESTION_LENGTH, type Case, type Person } from '../cases/case';
import type { CaseNumber } from '../cases/case-number';
import {
  approveCase,
  denyCase,
  type DecisionDeps,
  type DecisionOutcome,
} from '../cases/decide-case';
import { askRequester, type AskOutcome } from '../cases/information-request';
import { mayDecide } from '../cases/lifecycle';
import { text, type Language, type TextKey } from '../texts';
import { formatTime } from '../texts/format-time';
import { SUPPORT_LANGUAGE, type SupportChannel } from './support-channel';

/** What answering an approval invoke needs. */
export interface ApprovalInvokeDeps {
  decisions: DecisionDeps;
  support: SupportChannel;
}

/** An approval-card action as the router parsed it. */
export type CaseAction =
  | { verb: 'approve'; caseNumber: CaseNumber }
  | { verb: 'deny'; caseNumber: CaseNumber; reason: string }
  | { verb: 'ask'; caseNumber: CaseNumber; question: string }
  | { verb: 'refresh'; caseNumber: CaseNumber };

/** An invoke's error answer: the client shows the message, the card stays as it was. */
export const errorResponse = (message: string): AdaptiveCardInvokeResponse => ({
  statusCode: 400,
  type: 'application/vnd.microsoft.error',
  value: { code: 'BadRequest', message },
});

/** A text on the approval card: in the support channel's language, whoever looks. */
const onCard = (key: TextKey, values?: Record<string, string>) =>
  text(SUPPORT_LANGUAGE, key, values);

/**
 * Answers an approval-card action at once with the refreshed card. What follows a decision
 * (the posted card's update, the requester's notice, the secure mail) was written as jobs in
 * the same write as the decision, and the effects worker runs them. The card and its notices
 * are in the support language for everyone; only an error the client shows instead of a card
 * is in the clicker's `language`.
 */
export async function answerCaseAction(
  action: CaseAction,
  actor: Person,
  language: Language,
  deps: ApprovalInvokeDeps,
): Promise<AdaptiveCardInvokeResponse> {
  // Whoever may not decide learns nothing about the case, not even whether it exists.
  if (!deps.decisions.rules.isApprover(actor.aadObjectId))
    return refusedToNonApprover(deps, action, actor);
  if (action.verb === 'refresh') return refreshed(deps, action.caseNumber, actor, language);
  if (action.verb === 'ask') {
    const asked = await askRequester(deps.decisions, action.caseNumber, actor, action.question);
    return answerAsk(deps, asked, action.caseNumber, actor, language);
  }
  const outcome =
    action.verb === 'approve'
      ? await approveCase(deps.decisions, action.caseNumber, actor)
      : await denyCase(deps.decisions, action.caseNumber, actor, action.reason);
  return answerOutcome(deps, outcome, action.caseNumber, actor, language);
}

async function answerOutcome(
  deps: ApprovalInvokeDeps,
  outcome: DecisionOutcome,
  number: CaseNumber,
  actor: Person,
  language: Language,
): Promise<AdaptiveCardInvokeResponse> {
  const card = cardWithNotice(deps, actor, language);
  switch (outcome.outcome) {
    case 'approved':
    case 'denied':
      return card(outcome.case);
    case 'alreadyDecided':
      return card(outcome.case, ...alreadyDecided(outcome.case));
    case 'notAnApprover':
      return cardAnswer(noAccessCard(SUPPORT_LANGUAGE));
    case 'ownCase':
      return card(number, 'approval.notice.ownCase');
    case 'institutionUnknown':
      return card(outcome.case, 'approval.notice.institutionUnknown');
    case 'reasonMissing':
      return card(number, 'approval.notice.reasonMissing');
    case 'reasonHasCpr':
      return card(number, 'approval.notice.reasonHasCpr');
    case 'unknownCase':
      return errorResponse(text(language, 'approval.notice.unknownCase'));
  }
}

/** The card as `actor` may see it, with a notice (a text key on the card) when one is given. */
const cardWithNotice =
  (deps: ApprovalInvokeDeps, actor: Person, language: Language) =>
  (value: Case | CaseNumber, notice?: TextKey, values?: Record<string, string>) =>
    cardResponse(deps, value, actor, language, notice && onCard(notice, values));

/** Who decided a case, and when, as the notice of a click that came too late. */
function alreadyDecided(value: Case): [TextKey, Record<string, string>] {
  const decided = 'decision' in value ? value.decision : undefined;
  return [
    'approval.notice.alreadyDecided',
    {
      name: decided?.by.name ?? '',
      at: decided ? formatTime(SUPPORT_LANGUAGE, decided.at) : '',
    },
  ];
}

/** Answers "Bed om oplysninger": the card as it is now, with a notice when nothing changed. */
async function answerAsk(
  deps: ApprovalInvokeDeps,
  outcome: AskOutcome,
  number: CaseNumber,
  actor: Person,
  language: Language,
): Promise<AdaptiveCardInvokeResponse> {
  const card = cardWithNotice(deps, actor, language);
  switch (outcome.outcome) {
    case 'asked':
      return card(outcome.case);
    case 'alreadyAsked': {
      const open =
        outcome.case.state === 'info_requested' ? outcome.case.questions.at(-1) : undefined;
      return card(outcome.case, 'approval.notice.alreadyAsked', {
        name: open?.askedBy.name ?? '',
        at: open ? formatTime(SUPPORT_LANGUAGE, open.askedAt) : '',
      });
    }
    case 'alreadyDecided':
      return card(outcome.case, ...alreadyDecided(outcome.case));
    case 'notAnApprover':
      return cardAnswer(noAccessCard(SUPPORT_LANGUAGE));
    case 'ownCase':
      return card(number, 'approval.notice.ownCaseAsk');
    case 'questionMissing':
      return card(number, 'approval.notice.questionMissing');
    case 'questionHasCpr':
      return card(number, 'approval.notice.questionHasCpr');
    case 'questionTooLong':
      return card(number, 'approval.notice.questionTooLong', { max: String(MAX_QUESTION_LENGTH) });
    case 'unknownCase':
      return errorResponse(text(language, 'approval.notice.unknownCase'));
  }
}

/**
 * A case-card action from someone who is not an approver, from any chat: audited, and
 * answered with a card that holds no case data. The case is not read.
 */
async function refusedToNonApprover(
  deps: ApprovalInvokeDeps,
  action: CaseAction,
  actor: Person,
): Promise<AdaptiveCardInvokeResponse> {
  const { decisions } = deps;
  await decisions.audit.append({
    at: decisions.now().toISOString(),
    actor,
    action: refusedAction[action.verb],
    caseNumber: action.caseNumber,
    detail: 'not an approver',
  });
  return cardAnswer(noAccessCard(SUPPORT_LANGUAGE));
}

const refusedAction = {
  refresh: 'case.read.refused',
  approve: 'decision.refused',
  deny: 'decision.refused',
  ask: 'question.refused',
} as const;

const cardAnswer = (card: AdaptiveCard): AdaptiveCardInvokeResponse => ({
  statusCode: 200,
  type: 'application/vnd.microsoft.card.adaptive',
  value: card as never,
});

/**
 * A card refresh by an approver (automatic, or the "Decide" button by hand): the card with
 * the buttons, and the view is audited.
 */
async function refreshed(
  deps: ApprovalInvokeDeps,
  number: CaseNumber,
  actor: Person,
  language: Language,
): Promise<AdaptiveCardInvokeResponse> {
  const { decisions } = deps;
  const found = await decisions.cases.get(number);
  if (!found) return errorResponse(text(language, 'approval.notice.unknownCase'));
  await decisions.audit.append({
    at: decisions.now().toISOString(),
    actor,
    action: 'case.viewed',
    caseNumber: number,
    cprHash: found.subject.cprHash,
  });
  return cardResponse(deps, found, actor, language);
}

/**
 * The card as `actor` may see it, in the support language; the case as just decided or read,
 * or else read now. `language` is only for the error shown when there is no case.
 */
async function cardResponse(
  deps: ApprovalInvokeDeps,
  caseOrNumber: Case | CaseNumber,
  actor: Person,
  language: Language,
  notice?: string,
): Promise<AdaptiveCardInvokeResponse> {
  const value =
    typeof caseOrNumber === 'string' ? await deps.decisions.cases.get(caseOrNumber) : caseOrNumber;
  if (!value) return errorResponse(text(language, 'approval.notice.unknownCase'));
  const withActions = mayDecide(value, actor, deps.decisions.rules);
  return cardAnswer(
    await deps.support.cardFor(value, { withActions, ...(notice ? { notice } : {}) }),
  );
}
