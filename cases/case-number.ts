import { z } from 'zod';
import { invalid, valid, type Parsed } from './parse-result';

/** The one rule for case numbers: `UL-<year>-<sequence of at least five digits>`. */
export const CASE_NUMBER_PATTERN = /^UL-\d{4}-\d{5,}$/;

/** The longest case number accepted anywhere (a sequence of up to 12 digits). */
export const MAX_CASE_NUMBER_LENGTH = 20;

/** A case number as stored and shown, e.g. `UL-2026-00042`. */
export const caseNumberSchema = z
  .string()
  .max(MAX_CASE_NUMBER_LENGTH)
  .regex(CASE_NUMBER_PATTERN)
  .brand<'CaseNumber'>();
export type CaseNumber = z.infer<typeof caseNumberSchema>;

/** The rule a case-number answer broke. */
export type CaseNumberProblem = 'caseNumber.format';

/** Parses a case number such as `UL-2026-00042` (case and surrounding spaces do not matter). */
export function parseCaseNumber(input: string): Parsed<CaseNumber, CaseNumberProblem> {
  // Text far longer than any case number is refused before it is copied or transformed.
  if (input.length > MAX_CASE_NUMBER_LENGTH * 4) return invalid('caseNumber.format');
  const parsed = caseNumberSchema.safeParse(input.trim().toUpperCase().replace(/\s/g, ''));
  return parsed.success ? valid(parsed.data) : invalid('caseNumber.format');
}

/** Formats a case number from its year and sequence number, e.g. UL-2026-00042. */
export function formatCaseNumber(year: number, sequence: number): CaseNumber {
  return caseNumberSchema.parse(`UL-${year}-${String(sequence).padStart(5, '0')}`);
}
