import { openQuestionOf, questionsOf, type Case } from '../cases/case';
import { text, type Language, type TextKey } from '../texts';
import { formatTime } from '../texts/format-time';
import { requestLabel } from './request-label';
import { erasure, erasureNotice, maskedCprOrErased, orErased } from './retention-label';
import { adaptiveCard, facts, heading, paragraph, type AdaptiveCard } from './adaptive-card';

/** The lines of a case's timeline, oldest first, in the user's language. */
export function timelineOf(value: Case, language: Language): string[] {
  const at = (iso: string) => formatTime(language, iso);
  const lines = [text(language, 'status.event.filed', { at: at(value.filedAt) })];
  for (const asked of questionsOf(value)) {
    const question = orErased(asked.question, value, language);
    lines.push(text(language, 'status.event.asked', { at: at(asked.askedAt), question }));
    if (asked.answer) {
      const answer = orErased(asked.answer.text, value, language);
      lines.push(text(language, 'status.event.answered', { at: at(asked.answer.at), answer }));
    }
  }
  if (value.state === 'denied') {
    const reason = orErased(value.decision.reason, value, language);
    lines.push(text(language, 'status.event.denied', { at: at(value.decision.at), reason }));
  } else if ('decision' in value) {
    lines.push(text(language, 'status.event.approved', { at: at(value.decision.at) }));
  }
  if (value.state === 'mail_sent') {
    lines.push(text(language, 'status.event.mailSent', { at: at(value.mail.sentAt) }));
  }
  for (const failure of value.failures) {
    lines.push(text(language, `failure.${failure.job}`, { at: at(failure.at) }));
  }
  const erased = erasure(value);
  if (erased) lines.push(erasureNotice(erased, language));
  return lines;
}

/** Who decided the case and when, with the reason of a denial; the open question meanwhile. */
function decisionFacts(value: Case, language: Language): [string, string][] {
  const open = openQuestionOf(value);
  if (open) return [[text(language, 'status.question'), orErased(open.question, value, language)]];
  if (!('decision' in value)) return [];
  const t = (key: TextKey) => text(language, key);
  const decided: [string, string] = [
    t('status.decidedBy'),
    `${value.decision.by.name} · ${formatTime(language, value.decision.at)}`,
  ];
  return value.state === 'denied'
    ? [decided, [t('status.reason'), orErased(value.decision.reason, value, language)]]
    : [decided];
}

/**
 * The status of one case as its requester sees it: what it asks for, about whom (masked), to
 * whom the mail goes, its state, who decided it, and its timeline.
 */
export function statusCard(value: Case, language: Language): AdaptiveCard {
  const t = (key: TextKey) => text(language, key);
  return adaptiveCard([
    heading(text(language, 'status.title', { caseNumber: value.caseNumber })),
    facts([
      [t('status.kind'), requestLabel(value.request, language)],
      [t('status.cpr'), maskedCprOrErased(value, language)],
      [
        t('status.recipient'),
        text(language, 'status.recipientAt', {
          cvr: value.institution.cvr,
          recipient: orErased(value.institution.recipient, value, language),
        }),
      ],
      [t('status.state'), t(`state.${value.state}`)],
      ...decisionFacts(value, language),
    ]),
    paragraph(t('status.timeline'), { weight: 'Bolder' }),
    ...timelineOf(value, language).map((line) => paragraph(`- ${line}`, { spacing: 'None' })),
  ]);
}
