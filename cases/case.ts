import { z } from 'zod';

/** The states of a case; see the lifecycle in the README. */
export const caseStates = ['filed', 'approved', 'sending', 'mail_sent', 'denied'] as const;
export type CaseState = (typeof caseStates)[number];

/** What a forgotten-login case asks for. */
export const requestedItems = ['username', 'password', 'both'] as const;
export type RequestedItems = (typeof requestedItems)[number];

const isoTime = z.iso.datetime();

/** The encrypted CPR: AES-256-GCM ciphertext with its nonce, tag and key id (all base64). */
export const encryptedCprSchema = z.strictObject({
  keyId: z.string().min(1),
  nonce: z.string().min(1),
  ciphertext: z.string().min(1),
  tag: z.string().min(1),
});

/** The identity of a person in Teams, as stored on a case or an audit entry. */
export const personSchema = z.strictObject({
  aadObjectId: z.string().min(1),
  name: z.string(),
});
export type Person = z.infer<typeof personSchema>;

const decisionSchema = z.strictObject({
  outcome: z.enum(['approved', 'denied']),
  by: personSchema,
  at: isoTime,
  reason: z.string().optional(),
});

const outboxSchema = z.strictObject({
  state: z.enum(['pending', 'sending', 'sent']),
  attempts: z.number().int().nonnegative(),
  nextAttemptAt: isoTime,
  leaseUntil: isoTime.optional(),
  lastError: z.string().optional(),
});

/** One case as stored: one document per case (see the design notes). */
export const caseSchema = z.strictObject({
  caseNumber: z.string().regex(/^UL-\d{4}-\d{5,}$/),
  kind: z.enum(['new', 'forgotten']),
  requested: z.enum(requestedItems).optional(),
  earlierCaseNumber: z.string().optional(),
  subject: z.strictObject({
    cprEncrypted: encryptedCprSchema,
    cprHash: z.string().regex(/^[0-9a-f]{64}$/),
    cprMasked: z.string().regex(/^\d{6}-\*{4}$/),
  }),
  institution: z.strictObject({ cvr: z.string().regex(/^[1-9]\d{7}$/), recipient: z.string() }),
  requester: personSchema.extend({
    tenantId: z.string().optional(),
    conversationKey: z.string().optional(),
  }),
  filedAt: isoTime,
  state: z.enum(caseStates),
  decision: decisionSchema.optional(),
  outbox: outboxSchema.optional(),
  support: z.strictObject({ threadId: z.string(), activityId: z.string() }).optional(),
  mail: z.strictObject({ sentAt: isoTime, messageId: z.string().optional() }).optional(),
  username: z
    .string()
    .regex(/^[a-z]{4}\d{4}$/)
    .optional(),
});
export type Case = z.infer<typeof caseSchema>;

/** Formats a case number from its year and sequence number, e.g. UL-2026-00042. */
export function formatCaseNumber(year: number, sequence: number): string {
  return `UL-${year}-${String(sequence).padStart(5, '0')}`;
}
