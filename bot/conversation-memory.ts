import { TurnContext } from 'botbuilder';
import type { DocumentCollection, StoredDocument } from '../storage/document-collection';
import {
  conversationReferenceSchema,
  type StoredConversationReference,
} from '../storage/conversation-references';
import type { Stores } from '../storage';
import type { Language } from '../texts';

/** The prefix of a chat's key, so that no conversation id can take an internal key. */
const CONVERSATION_PREFIX = 'conversation:';
/** Internal keys of the same collection, never read in place of a conversation's reference. */
const INTERNAL_KEYS = new Set(['support-channel']);

/** The key a conversation's reference is kept under. */
export function referenceKey(conversationId: string): string {
  return `${CONVERSATION_PREFIX}${conversationId}`;
}

/**
 * The stored reference of a conversation; one kept by an older version under the bare
 * conversation id is still found, but an internal key never is.
 */
export async function storedReference(
  stores: Pick<Stores, 'conversationReferences'>,
  conversationId: string,
): Promise<StoredDocument<StoredConversationReference> | undefined> {
  const references = stores.conversationReferences;
  const current = await references.get(referenceKey(conversationId));
  if (current || INTERNAL_KEYS.has(conversationId)) return current;
  const legacy = await references.get(conversationId);
  return legacy?.value.conversation.id === conversationId ? legacy : undefined;
}

/** The locale a message to the chat is written in, when the user chose the language. */
const localeOf: Record<Language, string> = { da: 'da-DK', en: 'en-US' };

/**
 * Keeps the reference of the conversation a turn belongs to, under `referenceKey` of its id. With a
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
  await references.put(referenceKey(stored.conversation.id), stored);
}
