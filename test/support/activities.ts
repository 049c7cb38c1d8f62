import type { Activity } from 'botbuilder';

/** How a test message differs from a plain personal-chat message. */
export interface MessageOptions {
  locale?: string;
  userId?: string;
  name?: string;
  /** Another conversation type (`groupChat`, say); `null` leaves it out. */
  conversationType?: string | null;
  /** Another tenant, in the conversation and the channel data alike. */
  tenantId?: string;
  /** True leaves out `from.aadObjectId`, as an attacker's hand-made activity may. */
  withoutAadObjectId?: boolean;
}

/** A personal-chat message from a staff member, as Teams would post it. */
export function personalMessage(
  serviceUrl: string,
  conversationId: string,
  textOrValue: string | { value: Record<string, unknown> },
  options: MessageOptions = {},
): Partial<Activity> {
  const userId = options.userId ?? 'staff-aad-1';
  const tenantId = options.tenantId ?? 'tenant-1';
  const conversationType =
    options.conversationType === undefined ? 'personal' : options.conversationType;
  return {
    type: 'message',
    id: `m-${Math.random().toString(36).slice(2)}`,
    channelId: 'msteams',
    serviceUrl,
    locale: options.locale ?? 'da-DK',
    timestamp: new Date(),
    from: {
      id: `29:${userId}`,
      name: options.name ?? 'Sofie Skolesekretær',
      ...(options.withoutAadObjectId ? {} : { aadObjectId: userId }),
    },
    recipient: { id: '28:bot-id', name: 'Unilogin' },
    conversation: {
      id: conversationId,
      ...(conversationType === null ? {} : { conversationType }),
      tenantId,
    } as Activity['conversation'],
    channelData: { tenant: { id: tenantId } },
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
