import type { Activity } from 'botbuilder';
import type { Requester } from '../cases/file-case';

/** Who is writing, as a case records them: the AAD object id Teams sends, and their name. */
export function requesterOf(activity: Partial<Activity>): Requester {
  const tenantId =
    activity.conversation?.tenantId ??
    (activity.channelData as { tenant?: { id?: string } } | undefined)?.tenant?.id;
  return {
    aadObjectId: activity.from?.aadObjectId ?? activity.from?.id ?? 'unknown',
    name: activity.from?.name ?? '',
    ...(tenantId ? { tenantId } : {}),
    ...(activity.conversation?.id ? { conversationKey: activity.conversation.id } : {}),
  };
}
