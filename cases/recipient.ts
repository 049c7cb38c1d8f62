import { invalid, valid, type Parsed } from './parse-result';

/** The rule a recipient name broke. */
export type RecipientProblem = 'recipient.length' | 'recipient.characters';

/**
 * Parses the name of the person the secure mail is for: letters (any alphabet's, æøå and
 * accents included), spaces, hyphens and apostrophes; 2 to 100 characters after trimming.
 */
export function parseRecipientName(input: string): Parsed<string, RecipientProblem> {
  const name = input.normalize('NFC').trim().replace(/\s+/g, ' ');
  if (name.length < 2 || name.length > 100) return invalid('recipient.length');
  if (!/^\p{L}[\p{L}\p{M} '’-]*$/u.test(name)) return invalid('recipient.characters');
  return valid(name);
}
