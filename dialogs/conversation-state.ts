import { z } from 'zod';
import {
  caseStates,
  MAX_DUPLICATE_REASON_LENGTH,
  protectedCprSchema,
  requestedItems,
} from '../cases/case';
import { caseNumberSchema } from '../cases/case-number';
import { cvrSchema } from '../cases/cvr';
import { editableFields } from '../cards/card-actions';

/** Wrong answers in a row to one question before the flow stops. */
export const MAX_ATTEMPTS = 3;

const attempts = z.number().int().min(0).max(MAX_ATTEMPTS);

/** The answers a case needs, as the conversation keeps them (the CPR already protected). */
export const answersSchema = z.strictObject({
  earlierCaseNumber: caseNumberSchema,
  cpr: protectedCprSchema,
  cvr: cvrSchema,
  recipient: z.string().max(100),
  requested: z.enum(requestedItems),
});
export type Answers = z.infer<typeof answersSchema>;

/** The eligibility gate of a new login: which of its three questions is open. */
export const eligibilitySchema = z.strictObject({
  flow: z.literal('eligibility'),
  step: z.number().int().min(0).max(2),
  attempts,
});
export type Eligibility = z.infer<typeof eligibilitySchema>;

/** The duplicate guard's warning, as the chat keeps it to show it again. */
const duplicateWarningSchema = z.strictObject({
  own: z
    .array(
      z.strictObject({
        caseNumber: caseNumberSchema,
        state: z.enum(caseStates),
        filedAt: z.iso.datetime(),
        closedAt: z.iso.datetime().optional(),
      }),
    )
    .max(100),
  forgettable: z.array(caseNumberSchema).max(100),
  elsewhere: z.number().int().nonnegative(),
});

/** A case being filled in: the answers so far, the open question, the summary. */
export const intakeSchema = z.strictObject({
  flow: z.literal('intake'),
  kind: z.enum(['new', 'forgotten']),
  answers: answersSchema.partial(),
  /** `duplicate`: the CPR has an issued login or an open case; a reason is awaited. */
  phase: z.enum(['asking', 'review', 'choosingField', 'duplicate']),
  /** The field being asked now (phase 'asking'). */
  asking: z.enum(editableFields).optional(),
  attempts,
  /** True once a forgotten login's earlier case is known to match its CPR. */
  verified: z.boolean(),
  mismatches: z.number().int().min(0).max(MAX_ATTEMPTS),
  /** Reserved when the summary is first shown: confirming files under it, and only once. */
  caseNumber: caseNumberSchema.optional(),
  /** A new login: true once the CPR was checked for issued logins and open cases. */
  duplicateChecked: z.boolean().optional(),
  /** The warning shown while `phase` is `duplicate`. */
  duplicate: duplicateWarningSchema.optional(),
  /** Why staff go on with a new login although the CPR has earlier cases. */
  duplicateReason: z.string().min(1).max(MAX_DUPLICATE_REASON_LENGTH).optional(),
  /** The summary card as sent, so that it can be replaced once the case is filed. */
  summaryActivityId: z.string().min(1).max(500).optional(),
});
export type Intake = z.infer<typeof intakeSchema>;

/** A flow that asks questions and that a side question returns to. */
export const openFlowSchema = z.discriminatedUnion('flow', [eligibilitySchema, intakeSchema]);
export type OpenFlow = z.infer<typeof openFlowSchema>;

/** `status` typed without a number: the bot asks for it, then returns to `resume`. */
export const statusNumberSchema = z.strictObject({
  flow: z.literal('statusNumber'),
  attempts,
  resume: openFlowSchema.optional(),
});
export type StatusNumber = z.infer<typeof statusNumberSchema>;

export const flowSchema = z.discriminatedUnion('flow', [
  eligibilitySchema,
  intakeSchema,
  statusNumberSchema,
]);
export type Flow = z.infer<typeof flowSchema>;

/** What one personal chat remembers between messages: the flow in progress, if any. */
export const conversationSchema = z.strictObject({
  v: z.literal(2),
  flow: flowSchema.optional(),
  /** The user's own choice (`sprog`), over the locale their client sends. */
  language: z.enum(['da', 'en']).optional(),
  /** The case this chat filed last, which a typed confirm with nothing open answers with. */
  lastFiled: caseNumberSchema.optional(),
});
export type Conversation = z.infer<typeof conversationSchema>;

export const freshConversation: Conversation = { v: 2 };

/** How a chat is stored: its conversation, and when it was saved. */
export interface StoredChat {
  conversation: Conversation;
  /** When the chat was last saved (ISO): idle chats expire. */
  savedAt: string;
}

/**
 * Reads a stored chat document. Anything else (the layout of an older version, a damaged
 * document) starts afresh; `forgotten` says whether something in progress was lost, so that
 * the user is told instead of being answered as if nothing had happened.
 */
export function readConversation(document: Record<string, unknown> | undefined): {
  conversation: Conversation;
  forgotten: boolean;
} {
  if (!document) return { conversation: freshConversation, forgotten: false };
  const parsed = conversationSchema.safeParse(document.conversation);
  if (parsed.success) return { conversation: parsed.data, forgotten: false };
  if (document.conversation !== undefined)
    return { conversation: freshConversation, forgotten: true };
  // The botbuilder-dialogs layout of earlier versions: a dialog stack under `dialogState`.
  const stack = (document.dialogState as { dialogStack?: unknown } | undefined)?.dialogStack;
  return { conversation: freshConversation, forgotten: Array.isArray(stack) && stack.length > 0 };
}
