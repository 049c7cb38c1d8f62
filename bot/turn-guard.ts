import type { Activity } from 'botbuilder';

/** The tenant ids an activity names (conversation and channel data), as sent. */
export function tenantIdsOf(activity: Partial<Activity>): unknown[] {
  const fromChannelData = (activity.channelData as { tenant?: { id?: unknown } } | undefined)
    ?.tenant?.id;
  return [activity.conversation?.tenantId, fromChannelData].filter((id) => id !== undefined);
}

/**
 * True when the activity comes from an allowed tenant: with no allow-list every tenant is;
 * with one, the activity must name a tenant and every tenant it names must be on the list.
 */
export function fromAllowedTenant(
  activity: Partial<Activity>,
  allowedTenantIds: readonly string[] | undefined,
): boolean {
  if (!allowedTenantIds) return true;
  const named = tenantIdsOf(activity);
  return (
    named.length > 0 && named.every((id) => typeof id === 'string' && allowedTenantIds.includes(id))
  );
}

/** The sender's AAD object id, when the activity carries a usable one. */
export function aadObjectIdOf(activity: Partial<Activity>): string | undefined {
  const id: unknown = activity.from?.aadObjectId;
  return typeof id === 'string' && id.trim() !== '' ? id : undefined;
}

/** An id from an activity, cut to a length an audit entry can carry. */
export const auditableId = (id: unknown): string =>
  typeof id === 'string' && id !== '' ? id.slice(0, 200) : '-';
