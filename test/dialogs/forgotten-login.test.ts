import { protectedCprOf, type RequestedItems } from '../../cases/case';
import { textsOf } from '../support/dialog-chat';
import { describeEachBackend } from '../support/storage-backends';
import {
  OTHER_CVR,
  STAFF,
  answers,
  cardIn,
  choicesOf,
  factsOf,
  fileNewLogin,
  forgottenInputs,
  issuedEarlierCase,
  languages,
  useChats,
  type StaffChat,
} from './chat-flows';

const OTHER_CPR = '2008754321';

/** The three earlier cases that must not match, set up in the chat's storage. */
const mismatches: {
  situation: string;
  earlier(c: StaffChat): Promise<string>;
  cpr: string;
}[] = [
  { situation: 'an unknown case number', earlier: async () => 'UL-2026-09999', cpr: answers.cpr },
  {
    situation: 'a case whose credentials were never issued',
    earlier: (c) => fileNewLogin(c),
    cpr: answers.cpr,
  },
  {
    situation: 'an issued case about another person',
    earlier: (c) => issuedEarlierCase(c),
    cpr: OTHER_CPR,
  },
];

const requestedChoices: { choose: 'username' | 'password' | 'both'; stored: RequestedItems }[] = [
  { choose: 'username', stored: 'username' },
  { choose: 'password', stored: 'password' },
  { choose: 'both', stored: 'both' },
];

describeEachBackend('flow 2 (forgotten login) in the chat', (backend) => {
  const open = useChats();

  describe.each(languages)('in %s', (language) => {
    test('asks the earlier case number, CPR, CVR, recipient and what is wanted, then shows a summary', async () => {
      const c = await open(backend.fresh(), language);
      const earlier = await issuedEarlierCase(c);
      expect(await c.texts(c.words.forgotten)).toEqual([c.t('ask.earlierCaseNumber')]);
      expect(await c.texts(earlier)).toEqual([c.t('ask.cpr')]);
      expect(await c.texts(answers.cpr)).toEqual([c.t('ask.cvr')]);
      expect(await c.texts(answers.cvr)).toEqual([c.t('ask.recipient')]);
      const asked = await c.send(answers.recipient);
      expect(textsOf(asked)).toEqual([c.t('ask.requested')]);
      expect(choicesOf(asked[0])).toEqual([
        c.t('requested.username'),
        c.t('requested.password'),
        c.t('requested.both'),
      ]);
      const summary = await c.send(c.words.both);
      expect(textsOf(summary)).toEqual([c.t('summary.title')]);
      expect(factsOf(cardIn(summary))).toEqual([
        [c.t('summary.kind'), c.t('kind.forgotten')],
        [c.t('summary.earlierCaseNumber'), earlier],
        [c.t('summary.cpr'), answers.cprMasked],
        [c.t('summary.cvr'), answers.cvr],
        [c.t('summary.recipient'), answers.recipient],
        [c.t('summary.requested'), c.t('requested.both')],
      ]);
    });

    test.each(requestedChoices)(
      'confirming a request for $choose files a forgotten-login case that names the earlier case',
      async ({ choose, stored }) => {
        const c = await open(backend.fresh(), language);
        const earlier = await issuedEarlierCase(c);
        await c.sendAll(forgottenInputs(c, earlier, c.words[choose]));
        const replies = await c.texts(c.words.confirm);
        expect(c.filed).toHaveLength(2);
        const caseNumber = c.filed[1]!;
        expect(caseNumber).not.toBe(earlier);
        expect(replies[0]).toBe(c.filedText(caseNumber, stored));
        const filed = await c.stored(caseNumber);
        expect(filed).toMatchObject({
          request: { kind: 'forgotten', requested: stored, earlierCaseNumber: earlier },
          state: 'filed',
          institution: { cvr: answers.cvr, recipient: answers.recipient },
          requester: { aadObjectId: STAFF },
          subject: { cprMasked: answers.cprMasked },
        });
        expect(c.workflow.protection.decrypt(protectedCprOf(filed!)!.cprEncrypted)).toBe(
          answers.cpr,
        );
      },
    );

    test('confirming with the card button files the case too', async () => {
      const c = await open(backend.fresh(), language);
      const earlier = await issuedEarlierCase(c);
      await c.sendAll(forgottenInputs(c, earlier));
      await c.send({ value: { action: 'intake.confirm' } });
      expect(c.filed).toHaveLength(2);
      expect((await c.stored(c.filed[1]!))?.request.kind).toBe('forgotten');
    });

    test.each(mismatches)(
      'for $situation the bot gives the one mismatch message and asks for the earlier case number again',
      async (mismatch) => {
        const c = await open(backend.fresh(), language);
        const earlier = await mismatch.earlier(c);
        const filedBefore = [...c.filed];
        await c.sendAll([c.words.forgotten, earlier, mismatch.cpr]);
        expect(await c.texts(answers.cvr)).toEqual([
          c.t('problem.earlierCaseMismatch'),
          c.t('ask.earlierCaseNumber'),
        ]);
        expect(c.filed).toEqual(filedBefore);
      },
    );

    test('after a mismatch, the right earlier case, CPR and CVR let the flow go on', async () => {
      const c = await open(backend.fresh(), language);
      const earlier = await issuedEarlierCase(c);
      await c.sendAll([c.words.forgotten, earlier, OTHER_CPR, answers.cvr]);
      expect(await c.texts(earlier)).toEqual([c.t('ask.cpr')]);
      expect(await c.texts(answers.cpr)).toEqual([c.t('ask.cvr')]);
      expect(await c.texts(answers.cvr)).toEqual([c.t('ask.recipient')]);
    });

    test('an issued case of another institution gets the one mismatch message', async () => {
      const c = await open(backend.fresh(), language);
      const earlier = await issuedEarlierCase(c);
      await c.sendAll([c.words.forgotten, earlier, answers.cpr]);
      expect(await c.texts(OTHER_CVR)).toEqual([
        c.t('problem.earlierCaseMismatch'),
        c.t('ask.earlierCaseNumber'),
      ]);
    });

    test('the third mismatch ends the dialog', async () => {
      const c = await open(backend.fresh(), language);
      await c.send(c.words.forgotten);
      const unknown = 'UL-2026-09999';
      const oneTry = [unknown, answers.cpr, answers.cvr];
      await c.sendAll([...oneTry, ...oneTry, unknown, answers.cpr]);
      expect(await c.texts(answers.cvr)).toEqual([c.t('problem.tooManyAttempts')]);
      expect(await c.texts(c.words.help)).toEqual([c.t('help.text')]);
      expect(c.filed).toEqual([]);
    });

    test('a malformed earlier case number gets the case-number message and the question again', async () => {
      const c = await open(backend.fresh(), language);
      await c.send(c.words.forgotten);
      expect(await c.texts('12345')).toEqual([
        c.t('problem.caseNumber.format'),
        c.t('ask.earlierCaseNumber'),
      ]);
    });

    test('an earlier case number typed in lower case is understood', async () => {
      const c = await open(backend.fresh(), language);
      const earlier = await issuedEarlierCase(c);
      await c.sendAll([c.words.forgotten, earlier.toLowerCase()]);
      expect(await c.texts(answers.cpr)).toEqual([c.t('ask.cvr')]);
    });
  });
});
