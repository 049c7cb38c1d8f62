import type { RequestedItems } from '../cases/case';
import { parseCaseNumber, type CaseNumber, type CaseNumberProblem } from '../cases/case-number';
import { parseCpr, type CprProblem } from '../cases/cpr';
import type { CprProtection } from '../cases/cpr-protection';
import { parseCvr, type Cvr, type CvrProblem } from '../cases/cvr';
import { protectCpr, type ProtectedCpr } from '../cases/file-case';
import { invalid, type Parsed } from '../cases/parse-result';
import { parseRecipientName, type RecipientProblem } from '../cases/recipient';
import { parseRequestedItems, parseYesNo } from '../cases/yes-no';
import type { TextKey } from '../texts';
import { normalized } from './commands';

/** Every way an answer can be wrong, and the text that says so. */
const problemTexts = {
  'cpr.notDigits': 'problem.cpr.notDigits',
  'cpr.length': 'problem.cpr.length',
  'cpr.date': 'problem.cpr.date',
  'cpr.future': 'problem.cpr.future',
  'cvr.notDigits': 'problem.cvr.notDigits',
  'cvr.length': 'problem.cvr.length',
  'cvr.leadingZero': 'problem.cvr.leadingZero',
  'cvr.checksum': 'problem.cvr.checksum',
  'caseNumber.format': 'problem.caseNumber.format',
  'caseNumber.dontKnow': 'problem.caseNumber.dontKnow',
  'recipient.length': 'problem.recipient.length',
  'recipient.characters': 'problem.recipient.characters',
  'yesNo.unclear': 'problem.yesNo.unclear',
  'requested.unclear': 'problem.requested.unclear',
} as const satisfies Record<
  | CprProblem
  | CvrProblem
  | CaseNumberProblem
  | RecipientProblem
  | 'caseNumber.dontKnow'
  | 'yesNo.unclear'
  | 'requested.unclear',
  TextKey
>;
export type AnswerProblem = keyof typeof problemTexts;

/** The text that tells what is wrong with an answer. */
export const problemText = (problem: AnswerProblem): TextKey => problemTexts[problem];

/** One question: its text, the buttons offered, and how an answer is read. */
export interface Question<T> {
  prompt: TextKey;
  choices?: TextKey[];
  parse(input: string): Parsed<T, AnswerProblem>;
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

/** "I don't know" to the earlier case number deserves a pointer, not a format lesson. */
const dontKnow =
  /^(ved ikke|jeg ved det ikke|aner det ikke|kender det ikke|i don'?t know|don'?t know|not sure|\?+)$/;

/** The questions, with the CPR encrypted the moment it is read so it never sits in state. */
export function questions(protection: CprProtection, now: () => Date): Questions {
  return {
    'eligibility.contactPerson': yesNo('eligibility.contactPerson'),
    'eligibility.registered': yesNo('eligibility.registered'),
    'eligibility.triedMitId': yesNo('eligibility.triedMitId'),
    earlierCaseNumber: {
      prompt: 'ask.earlierCaseNumber',
      parse: (input) =>
        dontKnow.test(normalized(input).replace(/[.!]+$/, ''))
          ? invalid('caseNumber.dontKnow')
          : parseCaseNumber(input),
    },
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
