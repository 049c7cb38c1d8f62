import type { ChatDocument } from '../storage/chats';
import type { DocumentCollection } from '../storage/document-collection';

const DAY_MS = 24 * 60 * 60 * 1000;
const BATCH = 500;

/**
 * Deletes the chats not saved for `days`: a dialog abandoned half-way (its answers, the CPR
 * among them, encrypted) is not kept for ever. A chat written to after it was found is deleted
 * all the same; its user then starts afresh, which is what an idle chat would have done anyway.
 */
export async function expireChats(
  chats: DocumentCollection<ChatDocument>,
  now: Date,
  days: number,
): Promise<number> {
  const before = new Date(now.getTime() - days * DAY_MS).toISOString();
  let deleted = 0;
  for (;;) {
    const idle = await chats.find({ before: { field: 'savedAt', value: before }, limit: BATCH });
    for (const chat of idle) await chats.delete(chat.key);
    deleted += idle.length;
    if (idle.length < BATCH) return deleted;
  }
}
