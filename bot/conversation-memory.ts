import { TurnContext } from 'botbuilder';
import type { DocumentCollection } from '../storage/document-collection';
import {
  conversationReferenceSchema,
  type StoredConversationReference,
} from '../storage/conversation-references';

/** Keeps the reference of the conversation a turn belongs to, keyed by conversation id. */
export async function rememberConversation(
  references: DocumentCollection<StoredConversationReference>,
  context: TurnContext,
): Promise<void> {
  const reference = TurnContext.getConversationReference(context.activity);
  const stored = conversationReferenceSchema.parse(reference);
  await references.put(stored.conversation.id, stored);
}
