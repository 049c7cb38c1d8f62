import { invalid, valid, type Parsed } from './parse-result';

/** A CPR number, normalised to its 10 digits. Confidential: never log or show it whole. */
export type Cpr = string & { readonly __brand: 'Cpr' };

/** The rule a CPR answer broke. */
export type CprProblem = 'cpr.notDigits' | 'cpr.length' | 'cpr.date' | 'cpr.future';

/** The birth year from the two-digit year and the seventh digit (the CPR office's table). */
export function cprBirthYear(yy: number, seventh: number): number {
  if (seventh <= 3) return 1900 + yy;
  if (seventh === 4 || seventh === 9) return (yy <= 36 ? 2000 : 1900) + yy;
  return (yy <= 57 ? 2000 : 1800) + yy;
}

/**
 * Parses a CPR number typed as `DDMMYY-SSSS`, with or without hyphen and spaces. The date must
 * be real and not in the future. The modulus-11 check is deliberately not applied: CPR numbers
 * without it have been issued since 2007 and are valid.
 */
export function parseCpr(input: string, today: Date = new Date()): Parsed<Cpr, CprProblem> {
  const compact = input.trim().replace(/[\s-]/g, '');
  if (!/^\d+$/.test(compact)) return invalid('cpr.notDigits');
  if (compact.length !== 10) return invalid('cpr.length');
  const day = Number(compact.slice(0, 2));
  const month = Number(compact.slice(2, 4));
  const year = cprBirthYear(Number(compact.slice(4, 6)), Number(compact[6]));
  const birth = new Date(Date.UTC(year, month - 1, day));
  const real =
    birth.getUTCFullYear() === year &&
    birth.getUTCMonth() === month - 1 &&
    birth.getUTCDate() === day;
  if (!real) return invalid('cpr.date');
  if (birth.getTime() > danishDate(today)) return invalid('cpr.future');
  return valid(compact as Cpr);
}

const copenhagen = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Copenhagen' });

/** Midnight UTC of the calendar date it is in Denmark at `moment`. */
function danishDate(moment: Date): number {
  const [year, month, day] = copenhagen.format(moment).split('-').map(Number);
  return Date.UTC(year!, month! - 1, day!);
}

/** The only form in which a CPR number may be shown: `DDMMYY-****`. */
export function maskCpr(cpr: Cpr): string {
  return `${cpr.slice(0, 6)}-****`;
}
