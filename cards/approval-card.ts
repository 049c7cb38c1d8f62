import { MAX_QUESTION_LENGTH } from '../cases/case';
import { MAX_REASON_LENGTH } from '../cases/lifecycle';
import { text, type Language, type TextKey } from '../texts';
import { formatTime } from '../texts/format-time';
import {
  adaptiveCard,
  execute,
  facts,
  heading,
  paragraph,
  type AdaptiveCard,
  type CardButton,
  type TextBlock,
} from './adaptive-card';
import { earlierCasesSection, questionLines, supportStateLabel } from './approval-history';
import type { ApprovalView } from './approval-view';
import { caseVerbs, DENY_REASON_INPUT, QUESTION_INPUT } from './case-verbs';
import { erasedLabel, erasureNotice } from './retention-label';

export type { ApprovalView } from './approval-view';

/** Teams refreshes a card automatically for at most 60 users. */
export const MAX_REFRESH_USERS = 60;

/** What is shown where personal data was erased after the retention period. */
const erasedOr = (value: string | undefined, view: ApprovalView, language: Language) =>
  value ?? (view.erased ? erasedLabel(view.erased.afterDays, language) : '—');

/** The lines that tell where a case is: the decision, the secure mail, what failed. */
function progressLines(view: ApprovalView, language: Language): string[] {
  const at = (iso: string) => formatTime(language, iso);
  const lines: string[] = [];
  const by = { name: view.decidedBy ?? '', at: view.decidedAt ? at(view.decidedAt) : '' };
  if (view.state === 'denied') {
    lines.push(
      text(language, 'approval.decided.denied', {
        ...by,
        reason: erasedOr(view.denialReason, view, language),
      }),
    );
  } else if (view.decidedBy) {
    lines.push(text(language, 'approval.decided.approved', by));
  }
  if (view.mail) {
    lines.push(
      text(
        language,
        view.mail === 'retrying' ? 'approval.mailPendingRetry' : 'approval.mailPending',
      ),
    );
  }
  if (view.mailSentAt) {
    const institution = view.institutionName ?? view.cvr;
    const recipient = erasedOr(view.recipient, view, language);
    const values = { recipient, institution, at: at(view.mailSentAt) };
    lines.push(text(language, 'approval.mailSent', values));
  }
  for (const failure of view.failures) {
    lines.push(text(language, `failure.${failure.job}`, { at: at(failure.at) }));
  }
  if (view.erased) lines.push(erasureNotice(view.erased, language));
  return lines;
}

function kindLine(
  view: ApprovalView,
  t: (key: TextKey, values?: Record<string, string>) => string,
) {
  if (view.kind === 'new') return t('kind.new');
  return t('approval.kind.forgotten', {
    requested: t(`requested.${view.requested ?? 'both'}`),
    earlierCaseNumber: view.earlierCaseNumber ?? '',
  });
}

/** A forgotten login's earlier institution: name and CVR, or a dash when the case is gone. */
function earlierInstitutionFacts(
  view: ApprovalView,
  t: (key: TextKey) => string,
): [string, string][] {
  if (view.kind !== 'forgotten') return [];
  const earlier = view.earlierInstitution;
  const shown = earlier ? `${earlier.name ?? '—'} (${earlier.cvr})` : '—';
  return [[t('approval.earlierInstitution'), shown]];
}

/** A button that opens a required text field and sends it with a Universal Action. */
function withRequiredText(
  title: string,
  input: { id: string; label: string; maxLength: number; errorMessage: string },
  submitTitle: string,
  verb: (typeof caseVerbs)['deny' | 'ask'],
  view: ApprovalView,
): CardButton {
  const card = adaptiveCard(
    [{ type: 'Input.Text', ...input, isMultiline: true, isRequired: true }],
    [
      execute(
        submitTitle,
        verb,
        view.caseNumber,
        verb === caseVerbs.deny ? 'destructive' : undefined,
      ),
    ],
  );
  return { type: 'Action.ShowCard', title, card };
}

/**
 * Approve, Deny with a required reason, and Ask with a required question; or, without
 * user-specific views, "Decide". A case waiting for an answer has none of them.
 */
function buttons(view: ApprovalView, t: (key: TextKey) => string): CardButton[] {
  if (view.state !== 'filed') return [];
  // A client without user-specific views (or an approver past the 60 refreshed ones) asks by hand.
  if (!view.withActions)
    return [execute(t('approval.showActions'), caseVerbs.refresh, view.caseNumber)];
  const deny = {
    id: DENY_REASON_INPUT,
    label: t('approval.denyReason'),
    maxLength: MAX_REASON_LENGTH,
    errorMessage: t('approval.denyReasonRequired'),
  };
  const ask = {
    id: QUESTION_INPUT,
    label: t('approval.askQuestion'),
    maxLength: MAX_QUESTION_LENGTH,
    errorMessage: t('approval.askQuestionRequired'),
  };
  return [
    execute(t('approval.approve'), caseVerbs.approve, view.caseNumber, 'positive'),
    withRequiredText(t('approval.deny'), deny, t('approval.denySubmit'), caseVerbs.deny, view),
    withRequiredText(t('approval.ask'), ask, t('approval.askSubmit'), caseVerbs.ask, view),
  ];
}

/**
 * The approval request in the support channel (Adaptive Card 1.5, Universal Actions). The
 * posted card has no buttons; `refresh` gives each approver the version with Approve and Deny.
 */
export function approvalCard(view: ApprovalView, language: Language): AdaptiveCard {
  const t = (key: TextKey, values?: Record<string, string>) => text(language, key, values);
  const notice: TextBlock[] = view.notice
    ? [paragraph(view.notice, { color: 'Attention', weight: 'Bolder' })]
    : [];
  const body = [
    ...notice,
    heading(t('approval.title', { caseNumber: view.caseNumber })),
    facts([
      [t('approval.kind'), kindLine(view, t)],
      [t('approval.cpr'), erasedOr(view.cprMasked, view, language)],
      [t('approval.cvr'), view.cvr],
      [t('approval.institution'), view.institutionName ?? '—'],
      ...earlierInstitutionFacts(view, t),
      [t('approval.recipient'), erasedOr(view.recipient, view, language)],
      [t('approval.filedBy'), `${view.requesterName}, ${formatTime(language, view.filedAt)}`],
      [t('approval.state'), supportStateLabel(view.state, language)],
      ...(view.duplicateReason
        ? [[t('approval.duplicateReason'), view.duplicateReason] as [string, string]]
        : []),
    ]),
    ...earlierCasesSection(view, language),
    ...(view.institutionName
      ? []
      : [paragraph(t('approval.institutionUnknown'), { color: 'Warning' })]),
    ...(view.earlierInstitution && view.earlierInstitution.cvr !== view.cvr
      ? [
          paragraph(t('approval.earlierInstitutionDiffers'), {
            color: 'Attention',
            weight: 'Bolder',
          }),
        ]
      : []),
    ...questionLines(view, language).map((line) => paragraph(line)),
    ...progressLines(view, language).map((line) => paragraph(line)),
  ];
  const {
    title: _title,
    style: _style,
    ...refresh
  } = execute('', caseVerbs.refresh, view.caseNumber);
  return {
    ...adaptiveCard(body, buttons(view, t)),
    refresh: { action: refresh, userIds: view.approverIds.slice(0, MAX_REFRESH_USERS) },
  };
}
