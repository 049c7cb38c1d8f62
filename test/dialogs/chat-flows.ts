import type { RequestedItems } from '../../cases/case';
import type { Activity } from 'botbuilder';
import { splitCase, type Case } from '../../cases/case';
import type { CaseNumber } from '../../cases/case-number';
import type { StorageChoice } from '../../storage';
import { text, type Language, type TextKey } from '../../texts';
import {
  openRecordingChat,
  textsOf,
  type RecordingChat,
  type TurnOptions,
} from '../support/dialog-chat';

export type Reply = Partial<Activity>;
export type Input = string | { value: Record<string, unknown> };

/** The languages the bot speaks; every chat test runs in both. */
export const languages: Language[] = ['da', 'en'];

/** What a staff member types, in each language. */
export const typed = {
  da: {
    locale: 'da-DK',
    newLogin: 'ny unilogin',
    forgotten: 'glemt login',
    yes: 'ja',
    no: 'nej',
    confirm: 'bekræft',
    edit: 'ret',
    cancel: 'annuller',
    help: 'hjælp',
    myCases: 'mine sager',
    username: 'Brugernavn',
    password: 'Ny adgangskode',
    both: 'Begge',
  },
  en: {
    locale: 'en-US',
    newLogin: 'new login',
    forgotten: 'forgot login',
    yes: 'yes',
    no: 'no',
    confirm: 'confirm',
    edit: 'edit',
    cancel: 'cancel',
    help: 'help',
    myCases: 'my cases',
    username: 'Username',
    password: 'New password',
    both: 'Both',
  },
} as const;

/** The staff member of a chat unless a test names another. */
export const STAFF = 'staff-aad-1';
export const COLLEAGUE = 'staff-aad-2';

/** Valid answers. The CPR is not the catalogue's example (010190-1234), which problem texts quote. */
export const answers = {
  cpr: '1502854321',
  cprMasked: '150285-****',
  cvr: '13748136',
  recipient: 'Åse Ørum-Jæger',
};
export type Answers = typeof answers;

/** A second valid CVR (weighted sum divisible by 11). */
export const OTHER_CVR = '29403473';

/** The ways a CPR can be written in clear: none of them may ever be shown or stored. */
export function clearForms(cpr: string): string[] {
  return [cpr, `${cpr.slice(0, 6)}-${cpr.slice(6)}`, `${cpr.slice(0, 6)} ${cpr.slice(6)}`];
}

/** The questions that ask for personal or case data (none may come before the gate is passed). */
export const personalQuestions: TextKey[] = [
  'ask.cpr',
  'ask.cvr',
  'ask.recipient',
  'ask.earlierCaseNumber',
  'ask.requested',
];

/** A chat with the real root dialog, which also keeps every reply it got. */
export interface StaffChat extends RecordingChat {
  language: Language;
  words: (typeof typed)[Language];
  /** Every reply of the chat so far, in order. */
  transcript: Reply[];
  /** Sends a message and returns the texts of the replies (a card shows as its title). */
  texts(input: Input): Promise<string[]>;
  /** The case stored under a number, if any. */
  stored(caseNumber: string): Promise<Case | undefined>;
  /** Sends the inputs one by one and returns the replies to the last. */
  sendAll(inputs: Input[]): Promise<Reply[]>;
  /** A catalogue text in the chat's language. */
  t(key: TextKey, values?: Record<string, string | number>): string;
  /** The one message that tells the requester a case is filed: number, what next, Aula. */
  /** The filed message: of a new login, or of a forgotten login asking for `requested`. */
  filedText(caseNumber: string, requested?: RequestedItems): string;
}

/** A clock that moves one second on at every reading, so that filing times differ. */
export function tickingClock(start = '2026-03-01T10:00:00.000Z'): () => Date {
  let at = Date.parse(start);
  return () => new Date((at += 1000));
}

/** Returns a function that opens chats; every chat it opened is closed after each test. */
export function useChats() {
  const open: RecordingChat[] = [];
  afterEach(async () => {
    for (const chat of open.splice(0)) await chat.close();
  });
  return async (
    where: StorageChoice,
    language: Language = 'da',
    options: { userId?: string; now?: () => Date } = {},
  ): Promise<StaffChat> => {
    const chat = await openRecordingChat(where, {
      locale: typed[language].locale,
      userId: STAFF,
      now: tickingClock(),
      ...options,
    });
    open.push(chat);
    const transcript: Reply[] = [];
    const send = async (input: Input, turn?: TurnOptions) => {
      const replies = await chat.send(input, turn);
      transcript.push(...replies);
      return replies;
    };
    const sendAll = async (inputs: Input[]) => {
      let last: Reply[] = [];
      for (const input of inputs) last = await send(input);
      return last;
    };
    return {
      ...chat,
      send,
      sendAll,
      language,
      words: typed[language],
      transcript,
      texts: async (input) => textsOf(await send(input)),
      stored: (caseNumber) => chat.stores.cases.get(caseNumber as CaseNumber),
      t: (key, values) => text(language, key, values),
      filedText: (caseNumber, requested) =>
        (requested
          ? [
              text(language, 'filed.caseNumber', { caseNumber }),
              text(language, `filed.processing.${requested}`),
            ]
          : [
              text(language, 'filed.caseNumber', { caseNumber }),
              text(language, 'filed.processing.new'),
              text(language, 'filed.aula'),
            ]
        ).join('\n\n'),
    };
  };
}

/** An Adaptive Card as the bot sends it. */
export interface Card {
  body: { type: string; text?: string; facts?: { title: string; value: string }[] }[];
  actions?: CardButton[];
}
interface CardButton {
  type: string;
  title: string;
  data?: Record<string, unknown>;
  card?: Card;
}

/** The card of the last reply; fails when the last reply has none. */
export function cardIn(replies: Reply[]): Card {
  const card = replies.at(-1)?.attachments?.[0]?.content as Card | undefined;
  if (!card) throw new Error(`expected a card, got ${JSON.stringify(textsOf(replies))}`);
  return card;
}

/** The title/value pairs of a card's FactSets, in order. */
export function factsOf(card: Card): [string, string][] {
  return card.body.flatMap((block) =>
    (block.facts ?? []).map((f): [string, string] => [f.title, f.value]),
  );
}

/** The value one of a card's facts shows. */
export function fact(card: Card, title: string): string | undefined {
  return factsOf(card).find(([t]) => t === title)?.[1];
}

/** The data a card's Submit button sends, found by its title (also inside a ShowCard). */
export function buttonData(card: Card, title: string): Record<string, unknown> {
  const search = (buttons: CardButton[]): Record<string, unknown> | undefined => {
    for (const button of buttons) {
      if (button.type === 'Action.Submit' && button.title === title) return button.data;
      const inner = button.card?.actions && search(button.card.actions);
      if (inner) return inner;
    }
    return undefined;
  };
  const data = search(card.actions ?? []);
  if (!data) throw new Error(`the card has no button titled ${title}`);
  return data;
}

/** The titles of the suggested-action buttons of a reply. */
export function choicesOf(reply: Reply | undefined): string[] {
  return (reply?.suggestedActions?.actions ?? []).map((a) => String(a.title));
}

/** The inputs that pass the eligibility gate of flow 1 (the bot then asks for the CPR). */
export function gateInputs(c: StaffChat): string[] {
  return [c.words.newLogin, c.words.yes, c.words.yes, c.words.yes];
}

/** The inputs of flow 1 up to its summary card. */
export function newLoginInputs(c: StaffChat, a: Answers = answers): string[] {
  return [...gateInputs(c), a.cpr, a.cvr, a.recipient];
}

/** Runs flow 1 up to the summary card and returns it. */
export async function newLoginSummary(c: StaffChat, a: Answers = answers): Promise<Card> {
  return cardIn(await c.sendAll(newLoginInputs(c, a)));
}

/** Files a case with flow 1, confirmed by the card's button, and returns its number. */
export async function fileNewLogin(c: StaffChat, a: Answers = answers): Promise<CaseNumber> {
  await newLoginSummary(c, a);
  const before = c.filed.length;
  await c.send({ value: { action: 'intake.confirm' } });
  const caseNumber = c.filed[before];
  if (!caseNumber) throw new Error(`flow 1 filed nothing: ${JSON.stringify(c.transcript)}`);
  return caseNumber;
}

/** Moves a filed case to mail_sent with a username, as an approval and its mail would. */
export async function issueCredentials(c: StaffChat, caseNumber: string): Promise<void> {
  const found = await c.stored(caseNumber);
  if (!found) throw new Error(`case ${caseNumber} is not stored`);
  const at = new Date().toISOString();
  const issued: Case = {
    ...splitCase(found).facts,
    state: 'mail_sent',
    decision: { by: { aadObjectId: 'approver-1', name: 'Anne Approver' }, at },
    mail: { sentAt: at, username: 'abcd1234' },
  };
  const write = await c.stores.cases.transition(found.caseNumber, [found.state], issued, []);
  if (!write.won) throw new Error(`case ${caseNumber} could not be marked as issued`);
}

/** Files a case with flow 1 and marks its credentials issued: a valid earlier case for flow 2. */
export async function issuedEarlierCase(c: StaffChat, a: Answers = answers): Promise<CaseNumber> {
  const caseNumber = await fileNewLogin(c, a);
  await issueCredentials(c, caseNumber);
  return caseNumber;
}

/** The inputs of flow 2 up to its summary card. */
export function forgottenInputs(
  c: StaffChat,
  earlierCaseNumber: string,
  requested: string = c.words.both,
  a: Answers = answers,
): string[] {
  return [c.words.forgotten, earlierCaseNumber, a.cpr, a.cvr, a.recipient, requested];
}
