import { invalid, valid, type Parsed } from './parse-result';

/** The rule a case-number answer broke. */
export type CaseNumberProblem = 'caseNumber.format';

/** Parses a case number such as `UL-2026-00042` (case and surrounding spaces do not matter). */
export function parseCaseNumber(input: string): Parsed<string, CaseNumberProblem> {
  const compact = input.trim().toUpperCase().replace(/\s/g, '');
  return /^UL-\d{4}-\d{5,}$/.test(compact) ? valid(compact) : invalid('caseNumber.format');
}
