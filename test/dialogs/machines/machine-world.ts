import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Requester } from '../../../cases/case';
import type { CaseNumber } from '../../../cases/case-number';
import type { Cpr } from '../../../cases/cpr';
import { cprProtection } from '../../../cases/cpr-protection';
import type { Cvr } from '../../../cases/cvr';
import { protectCpr } from '../../../cases/file-case';
import type { CardAction } from '../../../cards/card-actions';
import type { AdaptiveCard, CardElement } from '../../../cards/adaptive-card';
import type { Reply } from '../../../dialogs/chat-turn';
import { converse, type Outcome } from '../../../dialogs/conversation';
import type { ConversationDeps } from '../../../dialogs/conversation-deps';
import {
  freshConversation,
  readConversation,
  type Conversation,
} from '../../../dialogs/conversation-state';
import { questions } from '../../../dialogs/questions';
import { openStores, type Stores } from '../../../storage';
import { text, type Language, type TextKey } from '../../../texts';
import { aCaseIn } from '../../support/case-builder';
import { testWorkflow } from '../../support/test-workflow';

/** The languages the bot speaks; the machine tests run in both. */
export const languages: Language[] = ['da', 'en'];

export const STAFF: Requester = { aadObjectId: 'staff-aad-1', name: 'Sofie Sekretær' };
/** A staff member who has filed nothing. */
export const COLLEAGUE: Requester = { aadObjectId: 'staff-aad-2', name: 'Karl Kollega' };

/**
 * Valid answers (the CPR is not the catalogue's example, which problem texts quote). `cpr` has
 * STAFF's issued earlier case; `newCpr` has no case, so a new login for it meets no warning.
 */
export const answers = {
  cpr: '1502854321',
  newCpr: '2103884567',
  cvr: '13748136',
  recipient: 'Åse Ørum-Jæger',
};

/** STAFF's earlier case, credentials issued: a valid earlier case for a forgotten login. */
export const EARLIER = 'UL-2025-00042' as CaseNumber;
/** A well-formed case number that nobody filed. */
export const UNKNOWN = 'UL-2026-99999';

/** What a staff member types, in each language. */
export const typed = {
  da: {
    newLogin: 'ny unilogin',
    forgotten: 'glemt login',
    yes: 'ja',
    no: 'nej',
    help: 'hjælp',
    myCases: 'mine sager',
    cancel: 'annuller',
    confirm: 'bekræft',
    edit: 'ret',
    /** Switches to the other language. */
    otherLanguage: 'sprog engelsk',
  },
  en: {
    newLogin: 'new login',
    forgotten: 'forgot login',
    yes: 'yes',
    no: 'no',
    help: 'help',
    myCases: 'my cases',
    cancel: 'cancel',
    confirm: 'confirm',
    edit: 'edit',
    otherLanguage: 'language danish',
  },
} as const;
export type Words = (typeof typed)[Language];

/** The language `otherLanguage` switches to. */
export const otherThan = (language: Language): Language => (language === 'da' ? 'en' : 'da');

/** A reply as a test compares it: a text as sent, a card by its first text and its buttons. */
export type Seen =
  | { kind: 'text'; text: string; choices?: string[] }
  | { kind: 'card'; title: string; buttons: string[] }
  | { kind: 'replaceCard'; activityId: string; title: string; buttons: string[] };

export function seen(reply: Reply): Seen {
  if (reply.kind === 'text') return reply;
  const card = { title: firstText(reply.card.body), buttons: buttonTitles(reply.card) };
  return reply.kind === 'card'
    ? { kind: 'card', ...card }
    : { kind: 'replaceCard', activityId: reply.activityId, ...card };
}

function firstText(body: CardElement[]): string {
  for (const element of body) {
    if (element.type === 'TextBlock') return element.text;
    if (element.type === 'Container') return firstText(element.items);
  }
  return '';
}

const buttonTitles = (card: AdaptiveCard): string[] =>
  (card.actions ?? []).map((button) => button.title ?? '');

/** A catalogue text as the bot says it (with answer buttons, where it offers them). */
export function said(language: Language, key: TextKey, choices?: TextKey[]): Seen {
  const t = (k: TextKey) => text(language, k);
  return { kind: 'text', text: t(key), ...(choices ? { choices: choices.map(t) } : {}) };
}

/** A card as seen, by the text its first line says. */
export const cardSaying = (title: string, buttons: string[] = []): Seen => ({
  kind: 'card',
  title,
  buttons,
});

/** One personal chat driven turn by turn, its state stored and read back between turns. */
export interface MachineChat {
  language: Language;
  words: Words;
  conversation: Conversation;
  /** Every state a turn produced, as `converse` returned it. */
  states: Conversation[];
  send(input: string | CardAction, options?: { replyToId?: string }): Promise<Outcome>;
  /** Sends the texts one by one and returns the outcome of the last. */
  sendAll(inputs: string[]): Promise<Outcome>;
  /** The replies of a turn, as seen. */
  say(input: string | CardAction, options?: { replyToId?: string }): Promise<Seen[]>;
}

export interface MachineWorld {
  stores: Stores;
  deps: ConversationDeps;
  chat(language: Language, requester?: Requester): MachineChat;
  close(): Promise<void>;
}

const NOW = new Date('2026-03-01T10:00:00.000Z');

/** Real SQLite stores in a fresh folder, with STAFF's issued earlier case in them. */
export async function openMachineWorld(
  options: { supportChannelReady?: boolean } = {},
): Promise<MachineWorld> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'unilogin-machines-'));
  const stores = await openStores({ dataDir });
  const protection = cprProtection({
    dataEncryptionKey: randomBytes(32),
    lookupHmacKey: randomBytes(32),
  });
  const workflow = testWorkflow(stores, { protection, now: () => NOW });
  const deps: ConversationDeps = {
    workflow,
    questions: questions(protection, workflow.now),
    supportChannelReady: async () => options.supportChannelReady ?? true,
  };
  const at = '2025-06-01T10:00:00.000Z';
  const earlier = aCaseIn(
    'mail_sent',
    {
      decision: { by: { aadObjectId: 'approver-1', name: 'Anne Approver' }, at },
      mail: { sentAt: at, username: 'abcd1234' },
    },
    {
      caseNumber: EARLIER,
      subject: protectCpr(protection, answers.cpr as Cpr),
      institution: { cvr: answers.cvr as Cvr, recipient: answers.recipient },
      requester: STAFF,
      filedAt: at,
    },
  );
  await stores.cases.create(earlier, []);
  return {
    stores,
    deps,
    chat: (language, requester = STAFF) => machineChat(deps, language, requester),
    async close() {
      await stores.storage.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Opens one world before the tests of a file and closes it after them. */
export function useMachineWorld(options?: { supportChannelReady?: boolean }): () => MachineWorld {
  let world: MachineWorld | undefined;
  beforeAll(async () => {
    world = await openMachineWorld(options);
  });
  afterAll(async () => {
    await world?.close();
  });
  return () => {
    if (!world) throw new Error('the world is opened in beforeAll');
    return world;
  };
}

function machineChat(
  deps: ConversationDeps,
  language: Language,
  requester: Requester,
): MachineChat {
  const chat: MachineChat = {
    language,
    words: typed[language],
    conversation: freshConversation,
    states: [],
    async send(input, options = {}) {
      const turn = {
        text: typeof input === 'string' ? input : '',
        ...(typeof input === 'string' ? {} : { action: input }),
        ...(options.replyToId ? { replyToId: options.replyToId } : {}),
        language,
        requester,
      };
      const outcome = await converse(
        deps,
        { conversation: chat.conversation, forgotten: false },
        turn,
      );
      chat.states.push(outcome.conversation);
      // As the bot does: the state is stored as JSON and read back for the next turn.
      const stored = JSON.parse(JSON.stringify({ conversation: outcome.conversation })) as Record<
        string,
        unknown
      >;
      const read = readConversation(stored);
      if (read.forgotten)
        throw new Error(`a state did not survive storage: ${JSON.stringify(stored)}`);
      chat.conversation = read.conversation;
      return outcome;
    },
    async sendAll(inputs) {
      let last: Outcome | undefined;
      for (const input of inputs) last = await chat.send(input);
      if (!last) throw new Error('nothing to send');
      return last;
    },
    async say(input, options) {
      return (await chat.send(input, options)).replies.map(seen);
    },
  };
  return chat;
}
