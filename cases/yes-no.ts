import { invalid, valid, type Parsed } from './parse-result';
import type { RequestedItems } from './case';

/** Reads a yes or no in Danish or English. */
export function parseYesNo(input: string): Parsed<boolean, 'yesNo.unclear'> {
  const answer = input
    .trim()
    .toLowerCase()
    .replace(/[.!]+$/, '');
  if (['ja', 'yes', 'y', 'j'].includes(answer)) return valid(true);
  if (['nej', 'no', 'n'].includes(answer)) return valid(false);
  return invalid('yesNo.unclear');
}

/** Reads what a forgotten-login case asks for, in Danish or English. */
export function parseRequestedItems(input: string): Parsed<RequestedItems, 'requested.unclear'> {
  const answer = input
    .trim()
    .toLowerCase()
    .replace(/[.!]+$/, '');
  if (['brugernavn', 'username', 'user name'].includes(answer)) return valid('username');
  if (['ny adgangskode', 'adgangskode', 'new password', 'password'].includes(answer)) {
    return valid('password');
  }
  if (['begge', 'begge dele', 'both'].includes(answer)) return valid('both');
  return invalid('requested.unclear');
}
