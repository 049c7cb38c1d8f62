import { z } from 'zod';
import type { CollectionSpec } from './document-collection';

/**
 * One personal chat's conversation as stored. The conversation checks its own shape when it
 * reads it (dialogs/conversation-state.ts), so that a document of an older layout starts
 * over politely instead of failing here.
 */
export type ChatDocument = Record<string, unknown>;

/** The collection the chats live in: one versioned document per conversation. */
export const chatsSpec: CollectionSpec<ChatDocument> = {
  // The name of the days when botbuilder's ConversationState kept it, so that old chats are
  // found (and started over) rather than silently left behind.
  name: 'bot_state',
  schema: z.record(z.string(), z.unknown()),
  /** When the chat was last saved: chats idle for long expire (bot/chat-expiry.ts). */
  indexes: ['savedAt'],
};
