import { z } from 'zod';
import { caseNumberSchema } from '../cases/case-number';

/** The id of the answer's input on the question card (it arrives in the submit's value). */
export const ANSWER_INPUT = 'answer';

/** The fields a staff member can change from the summary card. */
export const editableFields = [
  'earlierCaseNumber',
  'cpr',
  'cvr',
  'recipient',
  'requested',
] as const;
export type EditableField = (typeof editableFields)[number];

/**
 * Every Action.Submit payload the personal-chat cards send, as a tagged union. Anything that
 * does not parse is treated as not understood, never as an error.
 */
export const cardActionSchema = z.discriminatedUnion('action', [
  z.strictObject({ action: z.literal('menu.new') }),
  z.strictObject({ action: z.literal('menu.forgotten') }),
  z.strictObject({ action: z.literal('menu.myCases') }),
  z.strictObject({ action: z.literal('menu.help') }),
  z.strictObject({ action: z.literal('menu.status'), caseNumber: z.string().max(40).optional() }),
  /**
   * The summary's buttons carry the number reserved for the case, so that a late second
   * confirm can name it, and a button of an earlier summary is not taken for the current one.
   */
  z.strictObject({ action: z.literal('intake.confirm'), caseNumber: caseNumberSchema.optional() }),
  z.strictObject({ action: z.literal('intake.cancel'), caseNumber: caseNumberSchema.optional() }),
  z.strictObject({
    action: z.literal('intake.edit'),
    field: z.enum(editableFields),
    caseNumber: caseNumberSchema.optional(),
  }),
  /** Asks for the forgotten login of an earlier case, instead of a duplicate new login. */
  z.strictObject({ action: z.literal('intake.forgottenInstead'), caseNumber: caseNumberSchema }),
  /**
   * The answer to an approver's question; `questionAt` names the question, and the typed
   * answer arrives beside it (an over-long one is refused politely, not dropped as malformed).
   */
  z.strictObject({
    action: z.literal('case.answer'),
    caseNumber: caseNumberSchema,
    questionAt: z.iso.datetime(),
    [ANSWER_INPUT]: z.string().max(20_000).optional(),
  }),
]);
export type CardAction = z.infer<typeof cardActionSchema>;

/** Parses a submit payload; undefined when it is not one of ours. */
export function parseCardAction(value: unknown): CardAction | undefined {
  const parsed = cardActionSchema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}
