import type { Case } from '../cases/case';
import { text, type Language, type TextKey } from '../texts';
import { formatTime } from '../texts/format-time';
import { adaptiveCard, facts, heading, paragraph, type AdaptiveCard } from './adaptive-card';

/** Teams refreshes a card automatically for at most 60 users. */
export const MAX_REFRESH_USERS = 60;

/** What the approval card shows of a case; the CPR only masked. */
export interface ApprovalView {
  case: Case;
  /** The institution's name, or undefined when its CVR is not in the directory. */
  institutionName?: string;
  /** The approvers' user ids: they get the card with buttons through `refresh`. */
  approverIds: readonly string[];
  /** Whether this rendering carries the Approve and Deny buttons. */
  withActions: boolean;
  /** A line for the one who clicked, e.g. that someone else was first. */
  notice?: string;
}

const execute = (title: string, verb: string, caseNumber: string, style?: string) => ({
  type: 'Action.Execute',
  title,
  verb,
  data: { caseNumber },
  ...(style ? { style } : {}),
});

/** The lines that tell where a case is: the decision and the secure mail. */
function progressLines(value: Case, institutionName: string, language: Language): string[] {
  const at = (iso: string) => formatTime(language, iso);
  const lines: string[] = [];
  const decision = value.decision;
  if (decision?.outcome === 'approved') {
    lines.push(
      text(language, 'approval.decided.approved', { name: decision.by.name, at: at(decision.at) }),
    );
  }
  if (decision?.outcome === 'denied') {
    const values = { name: decision.by.name, at: at(decision.at), reason: decision.reason ?? '' };
    lines.push(text(language, 'approval.decided.denied', values));
  }
  if (value.state === 'approved' || value.state === 'sending') {
    lines.push(
      text(
        language,
        value.outbox?.lastError ? 'approval.mailPendingRetry' : 'approval.mailPending',
      ),
    );
  }
  if (value.mail) {
    const values = {
      recipient: value.institution.recipient,
      institution: institutionName,
      at: at(value.mail.sentAt),
    };
    lines.push(text(language, 'approval.mailSent', values));
  }
  return lines;
}

/**
 * The approval request in the support channel (Adaptive Card 1.5, Universal Actions). The
 * posted card has no buttons; `refresh` gives each approver the version with Approve and Deny.
 */
export function approvalCard(view: ApprovalView, language: Language): AdaptiveCard {
  const t = (key: TextKey, values?: Record<string, string>) => text(language, key, values);
  const value = view.case;
  const kind =
    value.kind === 'new'
      ? t('kind.new')
      : t('approval.kind.forgotten', {
          requested: t(`requested.${value.requested ?? 'both'}`),
          earlierCaseNumber: value.earlierCaseNumber ?? '',
        });
  const institution = view.institutionName ?? value.institution.cvr;
  const body = [
    ...(view.notice ? [{ ...paragraph(view.notice), color: 'Attention', weight: 'Bolder' }] : []),
    heading(t('approval.title', { caseNumber: value.caseNumber })),
    facts([
      [t('approval.kind'), kind],
      [t('approval.cpr'), value.subject.cprMasked],
      [t('approval.cvr'), value.institution.cvr],
      [t('approval.institution'), view.institutionName ?? '—'],
      [t('approval.recipient'), value.institution.recipient],
      [t('approval.filedBy'), `${value.requester.name}, ${formatTime(language, value.filedAt)}`],
      [t('approval.state'), t(`state.${value.state}`)],
    ]),
    ...(view.institutionName
      ? []
      : [{ ...paragraph(t('approval.institutionUnknown')), color: 'Warning' }]),
    ...progressLines(value, institution, language).map((line) => paragraph(line)),
  ];
  const denyCard = adaptiveCard(
    [
      {
        type: 'Input.Text',
        id: 'reason',
        label: t('approval.denyReason'),
        isMultiline: true,
        maxLength: 500,
        isRequired: true,
        errorMessage: t('approval.denyReasonRequired'),
      },
    ],
    [execute(t('approval.denySubmit'), 'case.deny', value.caseNumber, 'destructive')],
  );
  const undecided = value.state === 'filed';
  // A client without user-specific views (or an approver past the 60 refreshed ones) asks by hand.
  const actions = !undecided
    ? []
    : view.withActions
      ? [
          execute(t('approval.approve'), 'case.approve', value.caseNumber, 'positive'),
          { type: 'Action.ShowCard', title: t('approval.deny'), card: denyCard },
        ]
      : [execute(t('approval.showActions'), 'case.refresh', value.caseNumber)];
  return {
    ...adaptiveCard(body, actions),
    refresh: {
      action: {
        type: 'Action.Execute',
        verb: 'case.refresh',
        data: { caseNumber: value.caseNumber },
      },
      userIds: view.approverIds.slice(0, MAX_REFRESH_USERS),
    },
  };
}
