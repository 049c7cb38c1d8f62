import type { LoginRequest } from '../cases/case';
import { text, type Language, type TextKey } from '../texts';
import type { Reply } from './chat-turn';

/** What happens next, as it differs by what was asked for. */
const processing: Record<'new' | 'username' | 'password' | 'both', TextKey> = {
  new: 'filed.processing.new',
  username: 'filed.processing.username',
  password: 'filed.processing.password',
  both: 'filed.processing.both',
};

/**
 * What the requester is told once a case is filed: its number, what will be sent, and (for a
 * new login, which Aula will not take at once) the Aula note. One message: each extra message
 * is another round trip to Teams.
 */
export function filedReply(language: Language, caseNumber: string, request: LoginRequest): Reply {
  const t = (key: TextKey) => text(language, key, { caseNumber });
  const paragraphs =
    request.kind === 'new'
      ? [t('filed.caseNumber'), t(processing.new), t('filed.aula')]
      : [t('filed.caseNumber'), t(processing[request.requested])];
  return { kind: 'text', text: paragraphs.join('\n\n') };
}
