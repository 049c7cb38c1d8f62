/**
 * The verbs of the approval card's Universal Actions. The card builders and the invoke schema
 * in `bot/` both use these, so a renamed verb cannot drift between them.
 */
export const caseVerbs = {
  approve: 'case.approve',
  deny: 'case.deny',
  refresh: 'case.refresh',
  ask: 'case.ask',
} as const;
export type CaseVerb = (typeof caseVerbs)[keyof typeof caseVerbs];

/** The id of the deny reason's input on the approval card (it arrives in the invoke's data). */
export const DENY_REASON_INPUT = 'reason';

/** The id of the question's input on the approval card ("Bed om oplysninger"). */
export const QUESTION_INPUT = 'question';
