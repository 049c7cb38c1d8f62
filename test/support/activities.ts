import type { Activity } from 'botbuilder';

/** A personal-chat message from a staff member, as Teams would post it. */
export function personalMessage(
  serviceUrl: string,
  conversationId: string,
  textOrValue: string | { value: Record<string, unknown> },
  options: { locale?: string; userId?: string; name?: string } = {},
): Partial<Activity> {
  const userId = options.userId ?? 'staff-aad-1';
  return {
    type: 'message',
    id: `m-${Math.random().toString(36).slice(2)}`,
    channelId: 'msteams',
    serviceUrl,
    locale: options.locale ?? 'da-DK',
    timestamp: new Date(),
    from: { id: `29:${userId}`, name: options.name ?? 'Sofie Skolesekretær', aadObjectId: userId },
    recipient: { id: '28:bot-id', name: 'Unilogin' },
    conversation: {
      id: conversationId,
      conversationType: 'personal',
      tenantId: 'tenant-1',
    } as Activity['conversation'],
    channelData: { tenant: { id: 'tenant-1' } },
    ...(typeof textOrValue === 'string' ? { text: textOrValue } : { value: textOrValue.value }),
  };
}

/** Posts an activity to a running bot and returns the HTTP status. */
export async function post(
  port: number,
  activity: unknown,
  headers: Record<string, string> = {},
): Promise<number> {
  const res = await fetch(`http://127.0.0.1:${port}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof activity === 'string' ? activity : JSON.stringify(activity),
  });
  await res.arrayBuffer();
  return res.status;
}
