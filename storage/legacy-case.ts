import { z } from 'zod';
import {
  caseSchema,
  encryptedCprSchema,
  personSchema,
  requestedItems,
  type Case,
} from '../cases/case';
import { jobsFor, type Effect } from '../cases/effects';

const isoTime = z.iso.datetime();

/**
 * A case as the version before the state machine kept it (one JSON document, state and
 * outbox side by side). Read only to move such cases into today's layout.
 */
const legacyCaseSchema = z.object({
  caseNumber: z.string(),
  kind: z.enum(['new', 'forgotten']),
  requested: z.enum(requestedItems).optional(),
  earlierCaseNumber: z.string().optional(),
  subject: z.object({
    cprEncrypted: encryptedCprSchema,
    cprHash: z.string(),
    cprMasked: z.string(),
  }),
  institution: z.object({ cvr: z.string(), recipient: z.string() }),
  requester: personSchema.extend({
    tenantId: z.string().optional(),
    conversationKey: z.string().optional(),
  }),
  filedAt: isoTime,
  state: z.enum(['filed', 'approved', 'sending', 'mail_sent', 'denied']),
  decision: z.object({ by: personSchema, at: isoTime, reason: z.string().optional() }).optional(),
  outbox: z
    .object({ attempts: z.number().int().nonnegative(), lastError: z.string().optional() })
    .optional(),
  support: z.object({ threadId: z.string(), activityId: z.string() }).optional(),
  mail: z.object({ sentAt: isoTime, messageId: z.string().optional() }).optional(),
  username: z.string().optional(),
});

/** A legacy case in today's layout, with the jobs it was still waiting for. */
export interface MigratedCase {
  value: Case;
  effects: Effect[];
}

/**
 * Moves a legacy case into today's layout. What it still waited for becomes a job: a filed
 * case without a thread gets its card posted, an approved one its mail sent. A case caught
 * mid-send is marked in flight, so that its mail says it replaces one that may have arrived.
 */
export function migrateLegacyCase(raw: unknown): MigratedCase {
  const old = legacyCaseSchema.parse(raw);
  const decision = old.decision && { by: old.decision.by, at: old.decision.at };
  const facts = {
    caseNumber: old.caseNumber,
    request:
      old.kind === 'new'
        ? { kind: 'new' }
        : {
            kind: 'forgotten',
            earlierCaseNumber: old.earlierCaseNumber,
            requested: old.requested ?? 'both',
          },
    subject: old.subject,
    institution: old.institution,
    requester: old.requester,
    filedAt: old.filedAt,
    ...(old.support?.threadId && old.support.activityId ? { thread: old.support } : {}),
    failures: [],
  };
  const byState: Record<typeof old.state, { status: object; effects: Effect[] }> = {
    filed: { status: {}, effects: old.support ? [] : [{ kind: 'postCard' }] },
    approved: { status: { decision }, effects: [{ kind: 'sendMail' }] },
    sending: {
      status: {
        decision,
        attempt: Math.max(1, old.outbox?.attempts ?? 1),
        inFlight: true,
        ...(old.outbox?.lastError ? { lastError: old.outbox.lastError.slice(0, 300) } : {}),
      },
      effects: [{ kind: 'sendMail' }],
    },
    mail_sent: {
      status: {
        decision,
        mail: { ...old.mail, ...(old.username ? { username: old.username } : {}) },
      },
      effects: [],
    },
    denied: {
      status: { decision: { ...decision, reason: old.decision?.reason || '(ingen begrundelse)' } },
      effects: [],
    },
  };
  const { status, effects } = byState[old.state];
  return { value: caseSchema.parse({ ...facts, state: old.state, ...status }), effects };
}

/** The jobs of a migrated case, due now. */
export const migratedJobs = (migrated: MigratedCase, now: Date) =>
  jobsFor(migrated.value.caseNumber, migrated.effects, now);
