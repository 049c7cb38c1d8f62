import { invalid, valid, type Parsed } from './parse-result';

/** A CVR number (the institution's business register number): 8 digits. */
export type Cvr = string & { readonly __brand: 'Cvr' };

/** The rule a CVR answer broke. */
export type CvrProblem = 'cvr.notDigits' | 'cvr.length' | 'cvr.leadingZero' | 'cvr.checksum';

const WEIGHTS = [2, 7, 6, 5, 4, 3, 2, 1];

/** Parses a CVR number: 8 digits, not starting with 0, weighted sum divisible by 11. */
export function parseCvr(input: string): Parsed<Cvr, CvrProblem> {
  const compact = input.trim().replace(/\s/g, '');
  if (!/^\d+$/.test(compact)) return invalid('cvr.notDigits');
  if (compact.length !== 8) return invalid('cvr.length');
  if (compact.startsWith('0')) return invalid('cvr.leadingZero');
  const sum = WEIGHTS.reduce((total, weight, i) => total + weight * Number(compact[i]), 0);
  if (sum % 11 !== 0) return invalid('cvr.checksum');
  return valid(compact as Cvr);
}
