import { z } from 'zod';
import { caseNumberSchema } from './case-number';
import { cvrSchema } from './cvr';

/** The states of a case; `lifecycle.ts` has the transitions between them. */
export const caseStates = [
  'filed',
  'info_requested',
  'approved',
  'sending',
  'mail_sent',
  'denied',
] as const;
export type CaseState = (typeof caseStates)[number];

/** What a forgotten-login case asks for. */
export const requestedItems = ['username', 'password', 'both'] as const;
export type RequestedItems = (typeof requestedItems)[number];

/** The side effects a case can wait for; each runs as a durable job (see `effects.ts`). */
export const jobKinds = [
  'postCard',
  'updateCard',
  'tellRequester',
  'sendMail',
  'audit',
  'alertSupport',
  'replyInThread',
] as const;
export type JobKind = (typeof jobKinds)[number];

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

/** Who filed a case, and where to tell them about it. */
export const requesterSchema = personSchema.extend({
  tenantId: z.string().optional(),
  conversationKey: z.string().optional(),
});
export type Requester = z.infer<typeof requesterSchema>;

/** Marks a name or free text that was erased after the retention period. */
export const erasedTextSchema = z.strictObject({ erased: z.literal(true) });
export type ErasedText = z.infer<typeof erasedTextSchema>;

/** The longest reason for a new login on a CPR that has one already, or an open case. */
export const MAX_DUPLICATE_REASON_LENGTH = 300;

/** What was asked for: a new login, or the forgotten login of an earlier case. */
export const loginRequestSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('new'),
    /**
     * Why staff went on although the CPR has an issued login or an open case (free text about a
     * person: erased with the rest after the retention period).
     */
    duplicateReason: z
      .union([z.string().min(1).max(MAX_DUPLICATE_REASON_LENGTH), erasedTextSchema])
      .optional(),
  }),
  z.strictObject({
    kind: z.literal('forgotten'),
    earlierCaseNumber: caseNumberSchema,
    requested: z.enum(requestedItems),
  }),
]);
export type LoginRequest = z.infer<typeof loginRequestSchema>;

/** The CPR as a case keeps it: encrypted, keyed hash, masked. */
export const protectedCprSchema = z.strictObject({
  cprEncrypted: encryptedCprSchema,
  cprHash: z.string().regex(/^[0-9a-f]{64}$/),
  cprMasked: z.string().regex(/^\d{6}-\*{4}$/),
});
export type ProtectedCpr = z.infer<typeof protectedCprSchema>;

/** What is left of the CPR of a closed case after its retention period: the keyed hash only. */
export const erasedSubjectSchema = z.strictObject({
  erased: z.literal(true),
  cprHash: protectedCprSchema.shape.cprHash,
  erasedAt: isoTime,
  /** The retention period, in days, the case was erased under. */
  afterDays: z.number().int().positive(),
});
export type ErasedSubject = z.infer<typeof erasedSubjectSchema>;

/** Where the approval card of a case was posted in the support channel. */
export const supportThreadSchema = z.strictObject({
  threadId: z.string().min(1),
  activityId: z.string().min(1),
});
export type SupportThread = z.infer<typeof supportThreadSchema>;

/** A side effect that cannot succeed (the conversation is gone, the bot was removed). */
export const jobFailureSchema = z.strictObject({
  job: z.enum(jobKinds),
  at: isoTime,
  reason: z.string().max(300),
});
export type JobFailure = z.infer<typeof jobFailureSchema>;

/**
 * What every case has, whatever its state: fixed at filing, except the thread and the failed
 * jobs, which the effects worker records (and transitions never touch).
 */
export const caseFacts = {
  caseNumber: caseNumberSchema,
  request: loginRequestSchema,
  subject: protectedCprSchema,
  institution: z.strictObject({ cvr: cvrSchema, recipient: z.string() }),
  requester: requesterSchema,
  filedAt: isoTime,
  thread: supportThreadSchema.optional(),
  failures: z.array(jobFailureSchema),
};

/** The states a case ends in; only these may have their personal data erased. */
export const closedStates = ['mail_sent', 'denied'] as const satisfies readonly CaseState[];
export type ClosedState = (typeof closedStates)[number];

/** The facts of a closed case: the CPR and the recipient may be erased (see `retention.ts`). */
const closedCaseFacts = {
  ...caseFacts,
  subject: z.union([protectedCprSchema, erasedSubjectSchema]),
  institution: z.strictObject({
    cvr: cvrSchema,
    recipient: z.union([z.string(), erasedTextSchema]),
  }),
};

const decision = z.strictObject({ by: personSchema, at: isoTime });

/** The longest question an approver may ask, and the longest answer. */
export const MAX_QUESTION_LENGTH = 500;
export const MAX_ANSWER_LENGTH = 1000;

/** Free text on a case: erased with the rest after the retention period. */
const freeText = (max: number) => z.union([z.string().min(1).max(max), erasedTextSchema]);

/** An approver's question to the requester, and the answer once given. */
export const questionSchema = z.strictObject({
  question: freeText(MAX_QUESTION_LENGTH),
  askedBy: personSchema,
  askedAt: isoTime,
  answer: z
    .strictObject({ text: freeText(MAX_ANSWER_LENGTH), by: personSchema, at: isoTime })
    .optional(),
});
export type Question = z.infer<typeof questionSchema>;

/**
 * The questions asked on a case, oldest first. Every state carries them, so that a transition
 * keeps them by spreading the case it starts from; only the last may be open.
 */
const history = { questions: z.array(questionSchema).optional() };

/** Each state and exactly the fields it carries. */
const states = {
  filed: { ...history },
  /** Waiting for the requester's answer to the last question, which has none yet. */
  info_requested: { questions: z.array(questionSchema).min(1) },
  approved: { decision, ...history },
  sending: {
    decision,
    ...history,
    /** How many times sending was started. */
    attempt: z.number().int().positive(),
    /** True while an attempt may be talking to the mail server: a crash then may have sent. */
    inFlight: z.boolean(),
    lastError: z.string().max(300).optional(),
  },
  mail_sent: {
    decision,
    ...history,
    mail: z.strictObject({
      sentAt: isoTime,
      messageId: z.string().optional(),
      /** The Unilogin username the mail carried (never the password). */
      username: z
        .string()
        .regex(/^[a-z]{4}\d{4}$/)
        .optional(),
    }),
  },
  denied: {
    ...history,
    decision: decision.extend({ reason: z.union([z.string().min(1), erasedTextSchema]) }),
  },
} satisfies Record<CaseState, z.ZodRawShape>;

const withState = <S extends Exclude<CaseState, ClosedState>>(state: S) =>
  z.strictObject({ ...caseFacts, state: z.literal(state), ...states[state] });
const closedWithState = <S extends ClosedState>(state: S) =>
  z.strictObject({ ...closedCaseFacts, state: z.literal(state), ...states[state] });

/** One case as stored: a discriminated union on `state`, checked on every read and write. */
export const caseSchema = z.discriminatedUnion('state', [
  withState('filed'),
  withState('info_requested'),
  withState('approved'),
  withState('sending'),
  closedWithState('mail_sent'),
  closedWithState('denied'),
]);
export type Case = z.infer<typeof caseSchema>;

/** A case in one of the given states. */
export type CaseIn<S extends CaseState> = Extract<Case, { state: S }>;

/** The facts of a case, without its state (a closed case's may be erased). */
export type CaseFacts = z.infer<z.ZodObject<typeof closedCaseFacts>>;

/** The part of a case that transitions change: its state and the state's fields. */
export type CaseStatus = Case extends infer C
  ? C extends Case
    ? Omit<C, keyof CaseFacts>
    : never
  : never;

/** Splits a case into its facts and its status (how storage keeps them apart). */
export function splitCase(value: Case): { facts: CaseFacts; status: CaseStatus } {
  const facts: Record<string, unknown> = {};
  const status: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) {
    (key in caseFacts ? facts : status)[key] = field;
  }
  return { facts: facts as CaseFacts, status: status as CaseStatus };
}

/** True for a value that was erased after the retention period. */
export const isErased = (value: object): value is ErasedText | ErasedSubject =>
  'erased' in value && value.erased === true;

/** True once a closed case's personal data was erased. */
export const isErasedCase = (value: Case): boolean => 'erased' in value.subject;

/** When a closed case closed: the mail was sent, or it was denied; undefined while open. */
export function closedAt(value: Case): string | undefined {
  if (value.state === 'mail_sent') return value.mail.sentAt;
  if (value.state === 'denied') return value.decision.at;
  return undefined;
}

/** A case that has not closed yet: its personal data is never erased. */
export type OpenCase = CaseIn<'filed' | 'info_requested' | 'approved' | 'sending'>;

/** The questions asked on a case, oldest first. */
export const questionsOf = (value: Case): Question[] => value.questions ?? [];

/** The question a case waits for the answer to; undefined unless it is `info_requested`. */
export const openQuestionOf = (value: Case): Question | undefined =>
  value.state === 'info_requested' ? value.questions.at(-1) : undefined;

/** Since when a case has waited for what it waits for: filing, the question, or the answer. */
export function waitingSince(value: Case): string {
  const last = questionsOf(value).at(-1);
  if (!last) return value.filedAt;
  return last.answer?.at ?? last.askedAt;
}

/** The protected CPR of a case; undefined once it was erased. */
export const protectedCprOf = (value: Case): ProtectedCpr | undefined =>
  'erased' in value.subject ? undefined : value.subject;
