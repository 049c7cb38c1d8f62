import { CardFactory, MessageFactory, type Activity } from 'botbuilder';
import { questionCard } from '../cards/question-card';
import { openQuestionOf, questionsOf, type Case } from '../cases/case';
import type { Job } from '../cases/effects';
import { text, type Language } from '../texts';
import { formatTime } from '../texts/format-time';
import { SUPPORT_LANGUAGE } from './support-channel';

type QuestionNotice = Extract<Job, { kind: 'tellRequester' }>;

/**
 * The question card for the requester (or its one reminder); undefined once that question is
 * no longer open: answered, decided meanwhile, or followed by another.
 */
export function questionMessage(
  value: Case,
  job: QuestionNotice,
  language: Language,
): Partial<Activity> | undefined {
  const open = openQuestionOf(value);
  if (!open || open.askedAt !== job.questionAt || typeof open.question !== 'string') {
    return undefined;
  }
  const card = questionCard(
    {
      caseNumber: value.caseNumber,
      question: open.question,
      askedBy: open.askedBy.name,
      askedAt: open.askedAt,
      reminder: job.notice === 'questionReminder',
    },
    language,
  );
  return MessageFactory.attachment(CardFactory.adaptiveCard(card));
}

/** The thread's line naming the answer to a question; undefined when there is none to name. */
export function answeredLine(value: Case, questionAt: string): string | undefined {
  const answer = questionsOf(value).find((asked) => asked.askedAt === questionAt)?.answer;
  if (!answer || typeof answer.text !== 'string') return undefined;
  return text(SUPPORT_LANGUAGE, 'thread.answered', {
    caseNumber: value.caseNumber,
    name: answer.by.name,
    at: formatTime(SUPPORT_LANGUAGE, answer.at),
    answer: answer.text,
  });
}
