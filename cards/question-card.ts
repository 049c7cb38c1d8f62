import { MAX_ANSWER_LENGTH } from '../cases/case';
import type { CaseNumber } from '../cases/case-number';
import { text, type Language, type TextKey } from '../texts';
import { formatTime } from '../texts/format-time';
import { adaptiveCard, heading, paragraph, submit, type AdaptiveCard } from './adaptive-card';
import { ANSWER_INPUT } from './card-actions';

/** An approver's question as the requester sees it in their personal chat. */
export interface QuestionCardView {
  caseNumber: CaseNumber;
  question: string;
  askedBy: string;
  askedAt: string;
  /** True for the one reminder two days after the question. */
  reminder: boolean;
}

/**
 * The question with a field for the answer. Its button names the case and the question, so an
 * answer on an old card is never taken for a newer question, and it works after any restart.
 */
export function questionCard(view: QuestionCardView, language: Language): AdaptiveCard {
  const t = (key: TextKey, values?: Record<string, string>) => text(language, key, values);
  const title = view.reminder ? 'question.reminderTitle' : 'question.title';
  return adaptiveCard(
    [
      heading(t(title, { caseNumber: view.caseNumber })),
      paragraph(`"${view.question}"`, { weight: 'Bolder' }),
      paragraph(
        t('question.asked', { name: view.askedBy, at: formatTime(language, view.askedAt) }),
        { spacing: 'None', size: 'Small' },
      ),
      paragraph(t('question.intro')),
      {
        type: 'Input.Text',
        id: ANSWER_INPUT,
        label: t('question.answerLabel'),
        isMultiline: true,
        maxLength: MAX_ANSWER_LENGTH,
        isRequired: true,
        errorMessage: t('question.answerRequired'),
      },
    ],
    [
      submit(
        t('question.send'),
        { action: 'case.answer', caseNumber: view.caseNumber, questionAt: view.askedAt },
        'positive',
      ),
    ],
  );
}
