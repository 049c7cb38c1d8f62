import { text, type Language } from '../texts';
import type { ChatTurn, Reply } from './chat-turn';
import { MAX_ATTEMPTS } from './conversation-state';
import { problemText, type Question } from './questions';

/** The question as a reply: its text, with answer buttons where it has them. */
export function askReply(question: Question<unknown>, language: Language): Reply {
  const choices = question.choices?.map((key) => text(language, key));
  return { kind: 'text', text: text(language, question.prompt), ...(choices ? { choices } : {}) };
}

/** An answer read: the value, or what to say and whether to give up. */
export type Answered<T> =
  { ok: true; value: T } | { ok: false; attempts: number; stop: boolean; replies: Reply[] };

/**
 * Reads an answer. A wrong one gets its own message and the question again; the third wrong
 * answer in a row stops (and says how to start over).
 */
export function readAnswer<T>(
  question: Question<T>,
  turn: ChatTurn,
  attempts: number,
): Answered<T> {
  const parsed = question.parse(turn.text);
  if (parsed.ok) return parsed;
  const made = attempts + 1;
  if (made >= MAX_ATTEMPTS) {
    const stop: Reply = { kind: 'text', text: text(turn.language, 'problem.tooManyAttempts') };
    return { ok: false, attempts: made, stop: true, replies: [stop] };
  }
  const problem: Reply = { kind: 'text', text: text(turn.language, problemText(parsed.problem)) };
  return {
    ok: false,
    attempts: made,
    stop: false,
    replies: [problem, askReply(question, turn.language)],
  };
}
