import { z } from 'zod';
import type { CollectionSpec } from './document-collection';

const account = z.object({
  id: z.string().min(1),
  name: z.string().optional(),
  aadObjectId: z.string().optional(),
});

/** The part of a botbuilder ConversationReference needed to message a conversation later. */
export const conversationReferenceSchema = z.object({
  channelId: z.string().min(1),
  serviceUrl: z.url(),
  locale: z.string().optional(),
  bot: account.optional(),
  user: account.optional(),
  conversation: z.object({
    id: z.string().min(1),
    conversationType: z.string().optional(),
    tenantId: z.string().optional(),
    isGroup: z.boolean().optional(),
  }),
  teamId: z.string().optional(),
  channelChatId: z.string().optional(),
});
export type StoredConversationReference = z.infer<typeof conversationReferenceSchema>;

/** Conversation references, keyed by conversation id (or a name such as the support channel). */
export const conversationReferencesSpec: CollectionSpec<StoredConversationReference> = {
  name: 'conversation_references',
  schema: conversationReferenceSchema,
  indexes: [],
};
