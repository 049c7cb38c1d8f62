import { TurnContext } from 'botbuilder';
import type { DocumentCollection } from '../storage/document-collection';
import {
  conversationReferenceSchema,
  type StoredConversationReference,
} from '../storage/conversation-references';
import type { Language } from '../texts';

/** The locale a message to the chat is written in, when the user chose the language. */
const localeOf: Record<Language, string> = { da: 'da-DK', en: 'en-US' };

/**
 * Keeps the reference of the conversation a turn belongs to, keyed by conversation id. With a
 * `language`, later messages to the chat (a decision, the mail sent) are written in it.
 */
export async function rememberConversation(
  references: DocumentCollection<StoredConversationReference>,
  context: TurnContext,
  language?: Language,
): Promise<void> {
  const reference = TurnContext.getConversationReference(context.activity);
  const stored = conversationReferenceSchema.parse(
    language ? { ...reference, locale: localeOf[language] } : reference,
  );
  await references.put(stored.conversation.id, stored);
}
