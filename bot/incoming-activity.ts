import { z } from 'zod';

const account = z.looseObject({
  id: z.string().min(1).max(500),
  name: z.string().max(500).optional(),
  aadObjectId: z.string().max(200).optional(),
});

/**
 * The parts of an incoming activity the bot relies on, checked before the SDK sees it, so that
 * a malformed request gets a 400 instead of failing deep inside a turn. Unknown fields pass.
 */
export const incomingActivitySchema = z.looseObject({
  type: z.string().min(1).max(100),
  name: z.string().max(200).optional(),
  channelId: z.string().min(1).max(100),
  serviceUrl: z.url().max(2000),
  id: z.string().max(500).optional(),
  locale: z.string().max(50).optional(),
  text: z.string().max(200_000).optional(),
  from: account,
  recipient: account,
  conversation: z.looseObject({
    id: z.string().min(1).max(1000),
    conversationType: z.string().max(50).optional(),
    tenantId: z.string().max(200).optional(),
  }),
  channelData: z.looseObject({}).optional(),
  entities: z
    .array(z.looseObject({ type: z.string() }))
    .max(100)
    .optional(),
  membersAdded: z.array(account).max(1000).optional(),
  membersRemoved: z.array(account).max(1000).optional(),
});

/** True when a request body has the shape of an activity the bot can handle. */
export function isWellFormedActivity(body: unknown): boolean {
  return incomingActivitySchema.safeParse(body).success;
}
