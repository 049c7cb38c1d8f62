import type { Flow } from '../../../dialogs/conversation-state';
import { text, type Language, type TextKey } from '../../../texts';
import {
  answers,
  cardSaying,
  COLLEAGUE,
  EARLIER,
  languages,
  otherThan,
  said,
  seen,
  STAFF,
  typed,
  UNKNOWN,
  useMachineWorld,
  type MachineChat,
  type Seen,
  type Words,
} from './machine-world';

/** A question the bot can be at, how to get there, and how it is asked again. */
interface Prompt {
  name: string;
  inputs: (w: Words) => string[];
  reached: Partial<Flow>;
  question: (language: Language) => Seen;
  /** False for the status-number question: nothing was interrupted to come back to. */
  resumes: boolean;
}

const yesNo: TextKey[] = ['answer.yes', 'answer.no'];
const gate = (w: Words) => [w.newLogin, w.yes, w.yes, w.yes];
const newSummary = (w: Words) => [...gate(w), answers.newCpr, answers.cvr, answers.recipient];
const forgotten = (w: Words) => [w.forgotten, EARLIER, answers.cpr, answers.cvr];
const fieldLabels: TextKey[] = ['summary.cpr', 'summary.cvr', 'summary.recipient'];

const prompts: Prompt[] = [
  {
    name: 'eligibility: contact person',
    inputs: (w) => [w.newLogin],
    reached: { flow: 'eligibility', step: 0 },
    question: (l) => said(l, 'eligibility.contactPerson', yesNo),
    resumes: true,
  },
  {
    name: 'eligibility: registered',
    inputs: (w) => [w.newLogin, w.yes],
    reached: { flow: 'eligibility', step: 1 },
    question: (l) => said(l, 'eligibility.registered', yesNo),
    resumes: true,
  },
  {
    name: 'eligibility: tried MitID',
    inputs: (w) => [w.newLogin, w.yes, w.yes],
    reached: { flow: 'eligibility', step: 2 },
    question: (l) => said(l, 'eligibility.triedMitId', yesNo),
    resumes: true,
  },
  ...(
    [
      ['cpr', 'ask.cpr', gate],
      ['cvr', 'ask.cvr', (w: Words) => [...gate(w), answers.newCpr]],
      ['recipient', 'ask.recipient', (w: Words) => [...gate(w), answers.newCpr, answers.cvr]],
    ] as const
  ).map(([field, key, inputs]) => ({
    name: `new login: ${field}`,
    inputs,
    reached: { flow: 'intake', kind: 'new', phase: 'asking', asking: field } as Partial<Flow>,
    question: (l: Language) => said(l, key),
    resumes: true,
  })),
  ...(
    [
      ['earlierCaseNumber', 'ask.earlierCaseNumber', (w: Words) => [w.forgotten]],
      ['cpr', 'ask.cpr', (w: Words) => [w.forgotten, EARLIER]],
      ['cvr', 'ask.cvr', (w: Words) => [w.forgotten, EARLIER, answers.cpr]],
      ['recipient', 'ask.recipient', forgotten],
      ['requested', 'ask.requested', (w: Words) => [...forgotten(w), answers.recipient]],
    ] as const
  ).map(([field, key, inputs]) => ({
    name: `forgotten login: ${field}`,
    inputs,
    reached: { flow: 'intake', kind: 'forgotten', phase: 'asking', asking: field } as Partial<Flow>,
    question: (l: Language) =>
      said(
        l,
        key,
        field === 'requested'
          ? ['requested.username', 'requested.password', 'requested.both']
          : undefined,
      ),
    resumes: true,
  })),
  {
    // The CPR of STAFF's issued case: a new login for it is warned about before the summary.
    name: 'the duplicate warning',
    inputs: (w) => [...gate(w), answers.cpr, answers.cvr],
    reached: { flow: 'intake', kind: 'new', phase: 'duplicate' },
    question: (l) =>
      cardSaying(text(l, 'duplicate.title'), [
        text(l, 'duplicate.forgotten', { caseNumber: EARLIER }),
      ]),
    resumes: true,
  },
  {
    name: 'the summary',
    inputs: newSummary,
    reached: { flow: 'intake', kind: 'new', phase: 'review' },
    question: (l) => said(l, 'summary.pending'),
    resumes: true,
  },
  {
    name: 'choosing the field to edit',
    inputs: (w) => [...newSummary(w), w.edit],
    reached: { flow: 'intake', kind: 'new', phase: 'choosingField' },
    question: (l) => said(l, 'summary.editWhich', fieldLabels),
    resumes: true,
  },
  {
    name: 'the status-number question',
    inputs: () => ['status'],
    reached: { flow: 'statusNumber', attempts: 0 },
    question: (l) => said(l, 'ask.statusNumber'),
    resumes: false,
  },
];

const world = useMachineWorld();

describe.each(languages)('in %s', (language) => {
  const w = typed[language];
  const statusOfEarlier = cardSaying(text(language, 'status.title', { caseNumber: EARLIER }));

  describe.each(prompts)('at $name', (prompt) => {
    const question = prompt.question(language);
    /** A chat at the prompt, and its flow there. */
    async function atPrompt(requester = STAFF): Promise<{ chat: MachineChat; flow?: Flow }> {
      const chat = world().chat(language, requester);
      await chat.sendAll(prompt.inputs(w));
      expect(chat.conversation.flow).toMatchObject(prompt.reached);
      return { chat, flow: chat.conversation.flow };
    }

    test('help shows the help text and asks the same question again, flow unchanged', async () => {
      const { chat, flow } = await atPrompt();
      expect(await chat.say(w.help)).toEqual([said(language, 'help.text'), question]);
      expect(chat.conversation.flow).toEqual(flow);
    });

    test('status with an own case number shows its status card, then the question', async () => {
      const { chat, flow } = await atPrompt();
      if (!prompt.resumes) {
        // At the question for a number, "status <number>" answers it: nothing is left open.
        expect(await chat.say(`status ${EARLIER}`)).toEqual([statusOfEarlier]);
        expect(chat.conversation.flow).toBeUndefined();
        return;
      }
      expect(await chat.say(`status ${EARLIER}`)).toEqual([statusOfEarlier, question]);
      expect(chat.conversation.flow).toEqual(flow);
    });

    test('status with an unknown number says it is unknown, then the question', async () => {
      const { chat, flow } = await atPrompt();
      const unknown = {
        kind: 'text',
        text: text(language, 'status.unknown', { caseNumber: UNKNOWN }),
      };
      const replies = await chat.say(`status ${UNKNOWN}`);
      if (!prompt.resumes) {
        expect(replies).toEqual([unknown]);
        expect(chat.conversation.flow).toBeUndefined();
        return;
      }
      expect(replies).toEqual([unknown, question]);
      expect(chat.conversation.flow).toEqual(flow);
    });

    test('status alone asks for the number; a valid one shows the status and resumes', async () => {
      const { chat, flow } = await atPrompt();
      expect(await chat.say('status')).toEqual([said(language, 'ask.statusNumber')]);
      expect(chat.conversation.flow).toMatchObject({ flow: 'statusNumber', attempts: 0 });
      expect(await chat.say(EARLIER.toLowerCase())).toEqual(
        prompt.resumes ? [statusOfEarlier, question] : [statusOfEarlier],
      );
      expect(chat.conversation.flow).toEqual(prompt.resumes ? flow : undefined);
    });

    test('status alone, then three bad numbers, gives up and returns to the question', async () => {
      const { chat, flow } = await atPrompt();
      await chat.send('status');
      expect(await chat.say('UL-12')).toEqual([
        said(language, 'problem.caseNumber.format'),
        said(language, 'ask.statusNumber'),
      ]);
      await chat.send('abc');
      expect(await chat.say('42')).toEqual(
        prompt.resumes
          ? [said(language, 'problem.statusNumberGivenUp'), question]
          : [said(language, 'problem.statusNumberGivenUp')],
      );
      expect(chat.conversation.flow).toEqual(prompt.resumes ? flow : undefined);
    });

    test('my cases shows the cases card, then the question', async () => {
      const { chat, flow } = await atPrompt();
      expect(await chat.say(w.myCases)).toEqual([
        cardSaying(text(language, 'myCases.title')),
        question,
      ]);
      expect(chat.conversation.flow).toEqual(flow);
    });

    test('my cases with no cases says so, then the question', async () => {
      const { chat, flow } = await atPrompt(COLLEAGUE);
      expect(await chat.say(w.myCases)).toEqual([said(language, 'myCases.none'), question]);
      expect(chat.conversation.flow).toEqual(flow);
    });

    test('cancel says it stopped and ends the flow', async () => {
      const { chat } = await atPrompt();
      expect(await chat.say(w.cancel)).toEqual([said(language, 'command.cancelled')]);
      expect(chat.conversation.flow).toBeUndefined();
    });

    test('a language switch asks again in the new language, which later replies keep', async () => {
      const other = otherThan(language);
      const { chat, flow } = await atPrompt();
      expect(await chat.say(w.otherLanguage)).toEqual([
        said(other, 'language.chosen'),
        prompt.question(other),
      ]);
      expect(chat.conversation).toEqual({ v: 2, flow, language: other });
      const later = await chat.send(w.help);
      expect(later.language).toBe(other);
      expect(later.replies.map(seen)).toEqual([said(other, 'help.text'), prompt.question(other)]);
      expect(chat.conversation.language).toBe(other);
    });

    test('a new login starts over at the first eligibility question', async () => {
      const { chat } = await atPrompt();
      expect(await chat.say(w.newLogin)).toEqual([
        said(language, 'command.startedOver'),
        said(language, 'eligibility.contactPerson', yesNo),
      ]);
      expect(chat.conversation.flow).toEqual({ flow: 'eligibility', step: 0, attempts: 0 });
    });

    test('a forgotten login starts over at the earlier case number', async () => {
      const { chat } = await atPrompt();
      expect(await chat.say(w.forgotten)).toEqual([
        said(language, 'command.startedOver'),
        said(language, 'ask.earlierCaseNumber'),
      ]);
      expect(chat.conversation.flow).toEqual({
        flow: 'intake',
        kind: 'forgotten',
        answers: {},
        phase: 'asking',
        asking: 'earlierCaseNumber',
        attempts: 0,
        verified: false,
        mismatches: 0,
      });
    });
  });
});
