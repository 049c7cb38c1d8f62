import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { auditEntrySchema } from './audit';
import { personSchema } from './case';
import { caseNumberSchema } from './case-number';

/** What the requester can be told about their case after filing. */
export const requesterNotices = ['mailSent', 'denied', 'question', 'questionReminder'] as const;
export type RequesterNotice = (typeof requesterNotices)[number];

const effects = [
  /** Post the approval card as a new thread in the support channel. */
  z.strictObject({ kind: z.literal('postCard') }),
  /** Replace the posted card with one that shows the case as it is now. */
  z.strictObject({ kind: z.literal('updateCard') }),
  /** Write to the requester in their personal chat. */
  z.strictObject({
    kind: z.literal('tellRequester'),
    notice: z.enum(requesterNotices),
    /** A question's notices: which question (its time), told only while it is still open. */
    questionAt: z.iso.datetime().optional(),
    /** Not to be sent before this time (a reminder). */
    notBefore: z.iso.datetime().optional(),
  }),
  /** Issue the credentials and send them by secure mail. */
  z.strictObject({ kind: z.literal('sendMail') }),
  /** Append the transition's entry to the audit log. */
  z.strictObject({ kind: z.literal('audit'), entry: auditEntrySchema }),
  /** Tell STIL support that the case was locked for forgotten-login requests after wrong CPRs. */
  z.strictObject({
    kind: z.literal('alertSupport'),
    /** Wrong tries in the window on the case, and by the one who tried last. */
    caseTries: z.number().int().nonnegative(),
    userTries: z.number().int().nonnegative(),
    at: z.iso.datetime(),
    lockedUntil: z.iso.datetime(),
    by: personSchema,
  }),
  /** Reply in the case's thread in the support channel: the requester answered a question. */
  z.strictObject({ kind: z.literal('replyInThread'), questionAt: z.iso.datetime() }),
] as const;

/** A side effect of a transition. It is kept as a job in the same write as the transition. */
export const effectSchema = z.discriminatedUnion('kind', effects);
export type Effect = z.infer<typeof effectSchema>;

/** How a job is kept: its effect, when it may run next, and who holds it. */
const jobFields = {
  id: z.string().min(1).max(100),
  caseNumber: caseNumberSchema,
  /** When the job may be taken next: now or later when waiting, the lease's end when held. */
  availableAt: z.iso.datetime(),
  attempts: z.number().int().nonnegative(),
  /** The token of the worker that holds the job; absent when nobody does. */
  lease: z.string().optional(),
  lastError: z.string().max(300).optional(),
};

/** A durable job: an effect with its bookkeeping. */
export const jobSchema = z.discriminatedUnion('kind', [
  effects[0].extend(jobFields),
  effects[1].extend(jobFields),
  effects[2].extend(jobFields),
  effects[3].extend(jobFields),
  effects[4].extend(jobFields),
  effects[5].extend(jobFields),
  effects[6].extend(jobFields),
]);
export type Job = z.infer<typeof jobSchema>;

/** New jobs for a case's effects, due at once unless an effect names a later time. */
export function jobsFor(caseNumber: Job['caseNumber'], effects: Effect[], now: Date): Job[] {
  return effects.map((effect) => ({
    ...effect,
    id: randomUUID(),
    caseNumber,
    availableAt: ('notBefore' in effect && effect.notBefore) || now.toISOString(),
    attempts: 0,
  }));
}
