let filed = 0;

/**
 * A valid CPR of its own for each filing (born 1 January 1990), so that tests which file
 * several new logins do not meet the duplicate guard unless they mean to.
 */
export function freshCpr(): string {
  filed += 1;
  return `010190-${String(2000 + (filed % 8000)).padStart(4, '0')}`;
}

/** What a staff member types to file a new-login case in Danish, from command to confirm. */
export function filingAnswers(cpr = freshCpr(), recipient = 'Åse Ørum'): string[] {
  return ['ny unilogin', 'ja', 'ja', 'ja', cpr, '13748136', recipient, 'bekræft'];
}
