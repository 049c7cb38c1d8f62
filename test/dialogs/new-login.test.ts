import { protectedCprOf } from '../../cases/case';
import type { TextKey } from '../../texts';
import { textsOf } from '../support/dialog-chat';
import { describeEachBackend } from '../support/storage-backends';
import {
  STAFF,
  answers,
  buttonData,
  cardIn,
  choicesOf,
  clearForms,
  factsOf,
  languages,
  newLoginSummary,
  personalQuestions,
  useChats,
  type StaffChat,
} from './chat-flows';

/** The number a summary reserves for its case, which its buttons carry. */
const RESERVED = expect.stringMatching(/^UL-\d{4}-\d{5,}$/);

/** The three gate questions, and what a "no" to each says. */
const gate: { question: TextKey; ifNo: TextKey }[] = [
  { question: 'eligibility.contactPerson', ifNo: 'eligibility.no.contactPerson' },
  { question: 'eligibility.registered', ifNo: 'eligibility.no.registered' },
  { question: 'eligibility.triedMitId', ifNo: 'eligibility.no.triedMitId' },
];

function expectNoClearCpr(c: StaffChat) {
  const shown = JSON.stringify(c.transcript);
  for (const form of clearForms(answers.cpr)) expect(shown).not.toContain(form);
}

async function expectFiledMessages(c: StaffChat, replies: string[]) {
  expect(c.filed).toHaveLength(1);
  const caseNumber = c.filed[0]!;
  expect(caseNumber).toMatch(/^UL-\d{4}-\d{5}$/);
  expect(replies).toEqual([c.filedText(caseNumber)]);
  const stored = await c.stored(caseNumber);
  expect(stored).toMatchObject({
    caseNumber,
    request: { kind: 'new' },
    state: 'filed',
    institution: { cvr: answers.cvr, recipient: answers.recipient },
    requester: { aadObjectId: STAFF },
    subject: { cprMasked: answers.cprMasked },
  });
  expect(c.workflow.protection.decrypt(protectedCprOf(stored!)!.cprEncrypted)).toBe(answers.cpr);
}

describeEachBackend('flow 1 (new login) in the chat', (backend) => {
  const open = useChats();

  describe.each(languages)('in %s', (language) => {
    test('asks the three gate questions first, with yes and no buttons', async () => {
      const c = await open(backend.fresh(), language);
      const first = await c.send(c.words.newLogin);
      expect(textsOf(first)).toEqual([c.t('eligibility.contactPerson')]);
      expect(choicesOf(first[0])).toEqual([c.t('answer.yes'), c.t('answer.no')]);
      expect(await c.texts(c.words.yes)).toEqual([c.t('eligibility.registered')]);
      expect(await c.texts(c.words.yes)).toEqual([c.t('eligibility.triedMitId')]);
    });

    test('after the gate asks CPR, CVR and recipient, then shows a summary with the CPR masked', async () => {
      const c = await open(backend.fresh(), language);
      await c.sendAll([c.words.newLogin, c.words.yes, c.words.yes]);
      expect(await c.texts(c.words.yes)).toEqual([c.t('ask.cpr')]);
      expect(await c.texts(answers.cpr)).toEqual([c.t('ask.cvr')]);
      expect(await c.texts(answers.cvr)).toEqual([c.t('ask.recipient')]);
      const replies = await c.send(answers.recipient);
      expect(textsOf(replies)).toEqual([c.t('summary.title')]);
      expect(factsOf(cardIn(replies))).toEqual([
        [c.t('summary.kind'), c.t('kind.new')],
        [c.t('summary.cpr'), answers.cprMasked],
        [c.t('summary.cvr'), answers.cvr],
        [c.t('summary.recipient'), answers.recipient],
      ]);
      expectNoClearCpr(c);
    });

    test('the summary card offers confirm, edit and cancel buttons', async () => {
      const c = await open(backend.fresh(), language);
      const card = await newLoginSummary(c);
      expect(buttonData(card, c.t('summary.confirm'))).toEqual({
        action: 'intake.confirm',
        caseNumber: expect.stringMatching(/^UL-\d{4}-\d{5}$/),
      });
      expect(buttonData(card, c.t('summary.cancel'))).toEqual({
        action: 'intake.cancel',
        caseNumber: RESERVED,
      });
      expect(buttonData(card, c.t('summary.cvr'))).toEqual({
        action: 'intake.edit',
        field: 'cvr',
        caseNumber: RESERVED,
      });
    });

    test('confirming with the card button files the case and tells its number, the wait and the Aula caveat', async () => {
      const c = await open(backend.fresh(), language);
      await newLoginSummary(c);
      expect(c.filed).toEqual([]);
      const replies = await c.texts({ value: { action: 'intake.confirm' } });
      await expectFiledMessages(c, replies);
      expectNoClearCpr(c);
    });

    test('typing the confirm word files the case just the same', async () => {
      const c = await open(backend.fresh(), language);
      await newLoginSummary(c);
      const replies = await c.texts(c.words.confirm);
      await expectFiledMessages(c, replies);
      expectNoClearCpr(c);
    });

    test('pressing confirm a second time files no second case', async () => {
      const c = await open(backend.fresh(), language);
      await newLoginSummary(c);
      await c.send({ value: { action: 'intake.confirm' } });
      await c.send({ value: { action: 'intake.confirm' } });
      expect(c.filed).toHaveLength(1);
      expect(await c.stores.cases.listByRequester(STAFF, 10)).toHaveLength(1);
    });

    test('after filing, the next message starts fresh', async () => {
      const c = await open(backend.fresh(), language);
      await newLoginSummary(c);
      await c.send(c.words.confirm);
      expect(await c.texts(c.words.help)).toEqual([c.t('help.text')]);
      expect(await c.texts(c.words.newLogin)).toEqual([c.t('eligibility.contactPerson')]);
    });

    test.each(gate.map((g, index) => ({ ...g, index, position: index + 1 })))(
      'a no to gate question $position ($question) ends politely with its own text and asks nothing personal',
      async ({ index, ifNo }) => {
        const c = await open(backend.fresh(), language);
        await c.sendAll([c.words.newLogin, ...Array<string>(index).fill(c.words.yes)]);
        expect(await c.texts(c.words.no)).toEqual([c.t(ifNo)]);
        const asked = textsOf(c.transcript);
        for (const key of personalQuestions) expect(asked).not.toContain(c.t(key));
        expect(await c.texts(c.words.help)).toEqual([c.t('help.text')]);
        expect(c.filed).toEqual([]);
        expect(await c.stores.cases.listByRequester(STAFF, 10)).toEqual([]);
      },
    );
  });
});
