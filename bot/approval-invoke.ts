import type { AdaptiveCardInvokeResponse, TurnContext } from 'botbuilder';
import { z } from 'zod';
import type { Case, Person } from '../cases/case';
import {
  approveCase,
  denyCase,
  type DecisionDeps,
  type DecisionOutcome,
} from '../cases/decide-case';
import type { OutboxWorker } from '../mail/outbox-worker';
import { languageOf, text, type Language } from '../texts';
import { formatTime } from '../texts/format-time';
import type { BackgroundTasks } from './background';
import type { SupportChannel } from './support-channel';

const caseNumber = z.string().regex(/^UL-\d{4}-\d{5,}$/);

/** An Action.Execute invoke from the approval card, parsed once into a tagged union. */
const invokeSchema = z.object({
  action: z.discriminatedUnion('verb', [
    z.object({
      type: z.literal('Action.Execute'),
      verb: z.literal('case.approve'),
      data: z.strictObject({ caseNumber }),
    }),
    z.object({
      type: z.literal('Action.Execute'),
      verb: z.literal('case.deny'),
      data: z.strictObject({ caseNumber, reason: z.string().max(2000).optional() }),
    }),
    z.object({
      type: z.literal('Action.Execute'),
      verb: z.literal('case.refresh'),
      data: z.strictObject({ caseNumber }),
    }),
  ]),
});

/** What answering an approval invoke needs. */
export interface ApprovalInvokeDeps {
  decisions: DecisionDeps;
  support: SupportChannel;
  outbox: Pick<OutboxWorker, 'kickSoon'>;
  background: BackgroundTasks;
}

const errorResponse = (message: string): AdaptiveCardInvokeResponse => ({
  statusCode: 400,
  type: 'application/vnd.microsoft.error',
  value: { code: 'BadRequest', message },
});

/**
 * Answers an approval-card invoke at once with the refreshed card; the slow work (updating
 * the posted card, telling the requester, sending the mail) runs after the answer.
 */
export async function answerApprovalInvoke(
  context: TurnContext,
  deps: ApprovalInvokeDeps,
): Promise<AdaptiveCardInvokeResponse> {
  const language = languageOf(context.activity.locale);
  const parsed = invokeSchema.safeParse(context.activity.value);
  if (!parsed.success) return errorResponse(text(language, 'approval.notice.malformed'));
  const from = context.activity.from;
  const actor: Person = {
    aadObjectId: from?.aadObjectId ?? from?.id ?? 'unknown',
    name: from?.name ?? '',
  };
  const { action } = parsed.data;

  if (action.verb === 'case.refresh')
    return refreshed(deps, action.data.caseNumber, actor, language);
  const outcome =
    action.verb === 'case.approve'
      ? await approveCase(deps.decisions, action.data.caseNumber, actor)
      : await denyCase(deps.decisions, action.data.caseNumber, actor, action.data.reason ?? '');
  return answerOutcome(deps, outcome, action.data.caseNumber, actor, language);
}

async function answerOutcome(
  deps: ApprovalInvokeDeps,
  outcome: DecisionOutcome,
  number: string,
  actor: Person,
  language: Language,
): Promise<AdaptiveCardInvokeResponse> {
  const notice = (key: Parameters<typeof text>[1], values?: Record<string, string>) =>
    text(language, key, values);
  switch (outcome.outcome) {
    case 'approved':
    case 'denied': {
      const decided = outcome.case;
      deps.background.run('after decision', async () => {
        await deps.support.refreshPostedCard(decided);
        if (decided.state === 'denied') {
          const values = { caseNumber: decided.caseNumber, reason: decided.decision?.reason ?? '' };
          await deps.support.tellRequester(decided, 'requester.denied', () => values);
        }
      });
      if (decided.state === 'approved') deps.outbox.kickSoon();
      return cardResponse(deps, decided, actor, language);
    }
    case 'alreadyDecided': {
      const decision = outcome.case.decision;
      const values = {
        name: decision?.by.name ?? '',
        at: decision ? formatTime(language, decision.at) : '',
      };
      return cardResponse(
        deps,
        outcome.case,
        actor,
        language,
        notice('approval.notice.alreadyDecided', values),
      );
    }
    case 'notAnApprover':
      return cardResponse(deps, number, actor, language, notice('approval.notice.notAnApprover'));
    case 'ownCase':
      return cardResponse(deps, number, actor, language, notice('approval.notice.ownCase'));
    case 'institutionUnknown':
      return cardResponse(
        deps,
        number,
        actor,
        language,
        notice('approval.notice.institutionUnknown'),
      );
    case 'reasonMissing':
      return cardResponse(deps, number, actor, language, notice('approval.notice.reasonMissing'));
    case 'unknownCase':
      return errorResponse(notice('approval.notice.unknownCase'));
  }
}

/**
 * A card refresh (automatic for approvers, or the "Decide" button by hand): approvers get the
 * buttons and their view is audited; anyone else gets the read-only card and, when they asked
 * by hand for an undecided case, a clear refusal.
 */
async function refreshed(
  deps: ApprovalInvokeDeps,
  number: string,
  actor: Person,
  language: Language,
) {
  const found = await deps.decisions.cases.get(number);
  if (!found) return errorResponse(text(language, 'approval.notice.unknownCase'));
  if (!deps.decisions.isApprover(actor.aadObjectId)) {
    const refused =
      found.value.state === 'filed' ? text(language, 'approval.notice.notAnApprover') : undefined;
    return cardResponse(deps, found.value, actor, language, refused);
  }
  await deps.decisions.audit.append({
    at: deps.decisions.now().toISOString(),
    actor,
    action: 'case.viewed',
    caseNumber: number,
    cprHash: found.value.subject.cprHash,
  });
  return cardResponse(deps, found.value, actor, language);
}

/** The card as `actor` may see it; the case as just decided or read, or else read now. */
async function cardResponse(
  deps: ApprovalInvokeDeps,
  caseOrNumber: Case | string,
  actor: Person,
  language: Language,
  notice?: string,
): Promise<AdaptiveCardInvokeResponse> {
  const value =
    typeof caseOrNumber === 'string'
      ? (await deps.decisions.cases.get(caseOrNumber))?.value
      : caseOrNumber;
  if (!value) return errorResponse(text(language, 'approval.notice.unknownCase'));
  const mayDecide =
    deps.decisions.isApprover(actor.aadObjectId) &&
    value.requester.aadObjectId !== actor.aadObjectId;
  const card = await deps.support.cardFor(value, {
    withActions: mayDecide,
    notice,
    language,
  });
  return { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: card as never };
}
