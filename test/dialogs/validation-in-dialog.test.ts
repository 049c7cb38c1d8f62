import type { TextKey } from '../../texts';
import { textsOf } from '../support/dialog-chat';
import { describeEachBackend } from '../support/storage-backends';
import {
  STAFF,
  answers,
  cardIn,
  fact,
  gateInputs,
  languages,
  useChats,
  type StaffChat,
} from './chat-flows';

type Field = 'cpr' | 'cvr' | 'recipient';

/** The chats' clock starts on 2026-03-01, so a CPR born in 2030 lies in the future. */
const badAnswers: { field: Field; answer: string; problem: TextKey; why: string }[] = [
  { field: 'cpr', answer: '310290-1234', problem: 'problem.cpr.date', why: 'an impossible date' },
  { field: 'cpr', answer: 'ABCDEF-GHIJ', problem: 'problem.cpr.notDigits', why: 'letters' },
  { field: 'cpr', answer: '010190-123', problem: 'problem.cpr.length', why: 'nine digits' },
  { field: 'cpr', answer: '01019012345', problem: 'problem.cpr.length', why: 'eleven digits' },
  { field: 'cpr', answer: '010130-4123', problem: 'problem.cpr.future', why: 'a future date' },
  { field: 'cvr', answer: '13748137', problem: 'problem.cvr.checksum', why: 'a bad check digit' },
  { field: 'cvr', answer: '03748136', problem: 'problem.cvr.leadingZero', why: 'a leading 0' },
  { field: 'cvr', answer: '1374813', problem: 'problem.cvr.length', why: 'seven digits' },
  { field: 'cvr', answer: '1374813A', problem: 'problem.cvr.notDigits', why: 'a letter' },
  {
    field: 'recipient',
    answer: '1234',
    problem: 'problem.recipient.characters',
    why: 'only digits',
  },
  { field: 'recipient', answer: 'Å', problem: 'problem.recipient.length', why: 'one letter' },
];

const order: Field[] = ['cpr', 'cvr', 'recipient'];
const nameOf = (field: Field) => (field === 'recipient' ? 'recipient' : field.toUpperCase());
const question: Record<Field, TextKey> = {
  cpr: 'ask.cpr',
  cvr: 'ask.cvr',
  recipient: 'ask.recipient',
};

/** Runs flow 1 up to the question of `field`, answering the ones before it well. */
async function reachQuestion(c: StaffChat, field: Field): Promise<void> {
  const before = order.slice(0, order.indexOf(field)).map((f) => answers[f]);
  const replies = await c.sendAll([...gateInputs(c), ...before]);
  expect(textsOf(replies)).toEqual([c.t(question[field])]);
}

/** The CPR office's modulus-11 check, which the bot must not require. */
function passesModulus11(cpr: string): boolean {
  const weights = [4, 3, 2, 7, 6, 5, 4, 3, 2, 1];
  return weights.reduce((sum, w, i) => sum + w * Number(cpr[i]), 0) % 11 === 0;
}

describeEachBackend('wrong answers in the chat', (backend) => {
  const open = useChats();

  describe.each(languages)('in %s', (language) => {
    test.each(badAnswers.map((bad) => ({ ...bad, name: nameOf(bad.field) })))(
      'a $name with $why ($answer) gets its own message and the question again',
      async ({ field, answer, problem }) => {
        const c = await open(backend.fresh(), language);
        await reachQuestion(c, field);
        expect(await c.texts(answer)).toEqual([c.t(problem), c.t(question[field])]);
      },
    );

    test.each(order.map((field) => ({ field, name: nameOf(field) })))(
      'a third wrong $name answer ends the dialog, files nothing, and the next message starts fresh',
      async ({ field }) => {
        const c = await open(backend.fresh(), language);
        await reachQuestion(c, field);
        const bad = badAnswers.find((b) => b.field === field)!;
        expect(await c.texts(bad.answer)).toEqual([c.t(bad.problem), c.t(question[field])]);
        expect(await c.texts(bad.answer)).toEqual([c.t(bad.problem), c.t(question[field])]);
        expect(await c.texts(bad.answer)).toEqual([c.t('problem.tooManyAttempts')]);
        expect(c.filed).toEqual([]);
        expect(await c.stores.cases.listByRequester(STAFF, 10)).toEqual([]);
        expect(await c.texts(c.words.help)).toEqual([c.t('help.text')]);
      },
    );

    test('three unclear answers to a gate question end the dialog', async () => {
      const c = await open(backend.fresh(), language);
      await c.send(c.words.newLogin);
      const again = [c.t('problem.yesNo.unclear'), c.t('eligibility.contactPerson')];
      expect(await c.texts('måske')).toEqual(again);
      expect(await c.texts('måske')).toEqual(again);
      expect(await c.texts('måske')).toEqual([c.t('problem.tooManyAttempts')]);
      expect(await c.texts(c.words.help)).toEqual([c.t('help.text')]);
    });

    test('wrong answers to different questions do not add up to three', async () => {
      const c = await open(backend.fresh(), language);
      await reachQuestion(c, 'cpr');
      await c.sendAll(['310290-1234', '310290-1234']);
      expect(await c.texts(answers.cpr)).toEqual([c.t('ask.cvr')]);
      await c.sendAll(['13748137', '13748137']);
      expect(await c.texts(answers.cvr)).toEqual([c.t('ask.recipient')]);
      await c.send('1234');
      expect(textsOf(await c.send(answers.recipient))).toEqual([c.t('summary.title')]);
    });

    test('a wrong answer never loses the answers given before it', async () => {
      const c = await open(backend.fresh(), language);
      await reachQuestion(c, 'cpr');
      await c.sendAll([answers.cpr, '13748137', '1374813']);
      expect(await c.texts(answers.cvr)).toEqual([c.t('ask.recipient')]);
      const card = cardIn(await c.send(answers.recipient));
      expect(fact(card, c.t('summary.cpr'))).toBe(answers.cprMasked);
      expect(fact(card, c.t('summary.cvr'))).toBe(answers.cvr);
      expect(fact(card, c.t('summary.recipient'))).toBe(answers.recipient);
    });

    test('a CPR with a real date that fails the modulus-11 check is accepted', async () => {
      const cpr = '0101901234';
      expect(passesModulus11(cpr)).toBe(false);
      const c = await open(backend.fresh(), language);
      await reachQuestion(c, 'cpr');
      expect(await c.texts(cpr)).toEqual([c.t('ask.cvr')]);
      const card = cardIn(await c.sendAll([answers.cvr, answers.recipient]));
      expect(fact(card, c.t('summary.cpr'))).toBe('010190-****');
    });

    test.each(['150285-4321', '150285 4321', ' 1502854321 '])(
      'a CPR written as "%s" is accepted',
      async (written) => {
        const c = await open(backend.fresh(), language);
        await reachQuestion(c, 'cpr');
        expect(await c.texts(written)).toEqual([c.t('ask.cvr')]);
      },
    );
  });
});
