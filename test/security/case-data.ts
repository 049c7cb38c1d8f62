import type { CaseNumber } from '../../cases/case-number';

/** Every piece of a filed test case (filed by `world.file`) that must not reach an outsider. */
export function caseDataIn(shown: string, caseNumber: CaseNumber): string[] {
  const pieces: [string, RegExp][] = [
    ['the case number', new RegExp(caseNumber)],
    ['any case number', /UL-\d{4}-\d{5}/],
    ['the masked CPR', /010190/],
    ['the CVR', /13748136/],
    ['the institution', /Solsikke/],
    ['the recipient', /Åse|Ørum/],
    ['the requester', /Sofie|Skolesekretær/],
  ];
  return pieces.filter(([, pattern]) => pattern.test(shown)).map(([name]) => name);
}
