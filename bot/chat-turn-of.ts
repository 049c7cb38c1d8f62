import type { Activity } from 'botbuilder';
import type { Requester } from '../cases/case';
import { parseCardAction } from '../cards/card-actions';
import type { ChatTurn } from '../dialogs/chat-turn';
import { languageOf } from '../texts';
import { aadObjectIdOf } from './turn-guard';

/** Typed text without an @mention of the bot (Teams writes one as <at>Name</at>), trimmed. */
export function withoutMention(activity: Partial<Activity>): string {
  const typed = typeof activity.text === 'string' ? activity.text : '';
  return typed
    .replace(/<at>[^<]*<\/at>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Who is writing, as a case records them: the AAD object id Teams sends, and their name.
 * `parseIncoming` refuses a message without an AAD object id, so a missing one here is a bug.
 */
export function requesterOf(activity: Partial<Activity>): Requester {
  const tenantId =
    activity.conversation?.tenantId ??
    (activity.channelData as { tenant?: { id?: string } } | undefined)?.tenant?.id;
  const aadObjectId = aadObjectIdOf(activity);
  if (!aadObjectId) throw new Error('a personal chat turn without an AAD object id');
  return {
    aadObjectId,
    name: activity.from?.name ?? '',
    ...(tenantId ? { tenantId } : {}),
    ...(activity.conversation?.id ? { conversationKey: activity.conversation.id } : {}),
  };
}

/** A personal-chat message as the conversation reads it. */
export function chatTurnOf(activity: Partial<Activity>): ChatTurn {
  const action = activity.value === undefined ? undefined : parseCardAction(activity.value);
  return {
    text: withoutMention(activity),
    ...(action ? { action } : {}),
    ...(activity.replyToId ? { replyToId: activity.replyToId } : {}),
    language: languageOf(activity.locale),
    requester: requesterOf(activity),
  };
}
