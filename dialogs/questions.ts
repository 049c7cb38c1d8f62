import type { RequestedItems } from '../cases/case';
import { parseCaseNumber, type CaseNumber } from '../cases/case-number';
import { parseCpr } from '../cases/cpr';
import type { CprProtection } from '../cases/cpr-protection';
import { parseCvr, type Cvr } from '../cases/cvr';
import { protectCpr, type ProtectedCpr } from '../cases/file-case';
import type { Parsed } from '../cases/parse-result';
import { parseRecipientName } from '../cases/recipient';
import { parseRequestedItems, parseYesNo } from '../cases/yes-no';
import type { TextKey } from '../texts';

/** One question: its text, the buttons offered, and how an answer is read. */
export interface Question<T> {
  prompt: TextKey;
  choices?: TextKey[];
  /** Reads an answer; a problem names the catalogue text `problem.<name>`. */
  parse(input: string): Parsed<T, string>;
}

/** The answers a case needs, in the form the dialog keeps them (the CPR already protected). */
export interface Answers {
  earlierCaseNumber: CaseNumber;
  cpr: ProtectedCpr;
  cvr: Cvr;
  recipient: string;
  requested: RequestedItems;
}

/** Every question the bot asks, by id. */
export interface Questions {
  'eligibility.contactPerson': Question<boolean>;
  'eligibility.registered': Question<boolean>;
  'eligibility.triedMitId': Question<boolean>;
  earlierCaseNumber: Question<CaseNumber>;
  cpr: Question<ProtectedCpr>;
  cvr: Question<Cvr>;
  recipient: Question<string>;
  requested: Question<RequestedItems>;
}
export type QuestionId = keyof Questions;

const yesNo = (prompt: TextKey): Question<boolean> => ({
  prompt,
  choices: ['answer.yes', 'answer.no'],
  parse: parseYesNo,
});

/** The questions, with the CPR encrypted the moment it is read so it never sits in state. */
export function questions(protection: CprProtection, now: () => Date): Questions {
  return {
    'eligibility.contactPerson': yesNo('eligibility.contactPerson'),
    'eligibility.registered': yesNo('eligibility.registered'),
    'eligibility.triedMitId': yesNo('eligibility.triedMitId'),
    earlierCaseNumber: { prompt: 'ask.earlierCaseNumber', parse: parseCaseNumber },
    cpr: {
      prompt: 'ask.cpr',
      parse(input) {
        const parsed = parseCpr(input, now());
        return parsed.ok ? { ok: true, value: protectCpr(protection, parsed.value) } : parsed;
      },
    },
    cvr: { prompt: 'ask.cvr', parse: parseCvr },
    recipient: { prompt: 'ask.recipient', parse: parseRecipientName },
    requested: {
      prompt: 'ask.requested',
      choices: ['requested.username', 'requested.password', 'requested.both'],
      parse: parseRequestedItems,
    },
  };
}
