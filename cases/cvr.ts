import { z } from 'zod';
import { invalid, valid, type Parsed } from './parse-result';

/** The rule a CVR answer broke. */
export type CvrProblem = 'cvr.notDigits' | 'cvr.length' | 'cvr.leadingZero' | 'cvr.checksum';

const WEIGHTS = [2, 7, 6, 5, 4, 3, 2, 1];

/** The rule an 8-digit candidate breaks, if any. */
function cvrProblem(compact: string): CvrProblem | undefined {
  if (!/^\d+$/.test(compact)) return 'cvr.notDigits';
  if (compact.length !== 8) return 'cvr.length';
  if (compact.startsWith('0')) return 'cvr.leadingZero';
  const sum = WEIGHTS.reduce((total, weight, i) => total + weight * Number(compact[i]), 0);
  return sum % 11 === 0 ? undefined : 'cvr.checksum';
}

/** A CVR number (the institution's business register number): 8 digits, modulus 11. */
export const cvrSchema = z
  .string()
  .refine((value) => cvrProblem(value) === undefined, { message: 'is not a valid CVR number' })
  .brand<'Cvr'>();
export type Cvr = z.infer<typeof cvrSchema>;

/** Parses a CVR number: 8 digits, not starting with 0, weighted sum divisible by 11. */
export function parseCvr(input: string): Parsed<Cvr, CvrProblem> {
  const compact = input.trim().replace(/\s/g, '');
  const problem = cvrProblem(compact);
  return problem ? invalid(problem) : valid(compact as Cvr);
}
