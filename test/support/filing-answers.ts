/** What a staff member types to file a new-login case in Danish, from command to confirm. */
export function filingAnswers(cpr = '010190-1234', recipient = 'Åse Ørum'): string[] {
  return ['ny unilogin', 'ja', 'ja', 'ja', cpr, '13748136', recipient, 'bekræft'];
}
