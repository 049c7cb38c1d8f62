import { protectedCprOf } from '../../cases/case';
import type { TextKey } from '../../texts';
import { textsOf } from '../support/dialog-chat';
import { describeEachBackend } from '../support/storage-backends';
import {
  OTHER_CVR,
  answers,
  buttonData,
  cardIn,
  choicesOf,
  factsOf,
  forgottenInputs,
  issuedEarlierCase,
  languages,
  newLoginSummary,
  useChats,
  type StaffChat,
} from './chat-flows';

/** The number a summary reserves for its case, which its buttons carry. */
const RESERVED = expect.stringMatching(/^UL-\d{4}-\d{5,}$/);

/** For each field of flow 1: its label and question, a new answer, and what the summary shows. */
const edits: {
  field: 'cpr' | 'cvr' | 'recipient';
  label: TextKey;
  ask: TextKey;
  answer: string;
  shown: string;
}[] = [
  {
    field: 'cpr',
    label: 'summary.cpr',
    ask: 'ask.cpr',
    answer: '2008754321',
    shown: '200875-****',
  },
  { field: 'cvr', label: 'summary.cvr', ask: 'ask.cvr', answer: OTHER_CVR, shown: OTHER_CVR },
  {
    field: 'recipient',
    label: 'summary.recipient',
    ask: 'ask.recipient',
    answer: 'Jens Hansen',
    shown: 'Jens Hansen',
  },
];

/** The summary facts of flow 1 with `answers`, one of them replaced. */
function expectedFacts(c: StaffChat, changed?: { label: TextKey; shown: string }) {
  const facts: [string, string][] = [
    [c.t('summary.kind'), c.t('kind.new')],
    [c.t('summary.cpr'), answers.cprMasked],
    [c.t('summary.cvr'), answers.cvr],
    [c.t('summary.recipient'), answers.recipient],
  ];
  return facts.map(([title, value]): [string, string] =>
    changed && title === c.t(changed.label) ? [title, changed.shown] : [title, value],
  );
}

describeEachBackend('editing from the summary in the chat', (backend) => {
  const open = useChats();

  describe.each(languages)('in %s', (language) => {
    test.each(edits)(
      "the card's edit button for $field re-asks only that field and shows the summary with the new value",
      async (edit) => {
        const c = await open(backend.fresh(), language);
        const card = await newLoginSummary(c);
        const value = buttonData(card, c.t(edit.label));
        expect(value).toEqual({ action: 'intake.edit', field: edit.field, caseNumber: RESERVED });
        expect(await c.texts({ value })).toEqual([c.t(edit.ask)]);
        const replies = await c.send(edit.answer);
        expect(textsOf(replies)).toEqual([c.t('summary.title')]);
        expect(factsOf(cardIn(replies))).toEqual(expectedFacts(c, edit));
      },
    );

    test('a case confirmed after an edit is filed with the new value and the others kept', async () => {
      const c = await open(backend.fresh(), language);
      await newLoginSummary(c);
      await c.sendAll([{ value: { action: 'intake.edit', field: 'cvr' } }, OTHER_CVR]);
      await c.send({ value: { action: 'intake.confirm' } });
      const stored = await c.stored(c.filed[0] ?? '');
      expect(stored?.institution).toEqual({ cvr: OTHER_CVR, recipient: answers.recipient });
      expect(protectedCprOf(stored!)?.cprMasked).toBe(answers.cprMasked);
      expect(c.workflow.protection.decrypt(protectedCprOf(stored!)!.cprEncrypted)).toBe(
        answers.cpr,
      );
    });

    test('typing the edit word offers the fields of the case as choices', async () => {
      const c = await open(backend.fresh(), language);
      await newLoginSummary(c);
      const replies = await c.send(c.words.edit);
      expect(textsOf(replies)).toEqual([c.t('summary.editWhich')]);
      expect(choicesOf(replies[0])).toEqual([
        c.t('summary.cpr'),
        c.t('summary.cvr'),
        c.t('summary.recipient'),
      ]);
    });

    test.each(edits)(
      'typing the label of $field after the edit word re-asks it and keeps the other answers',
      async (edit) => {
        const c = await open(backend.fresh(), language);
        await newLoginSummary(c);
        await c.send(c.words.edit);
        expect(await c.texts(c.t(edit.label))).toEqual([c.t(edit.ask)]);
        const replies = await c.send(edit.answer);
        expect(factsOf(cardIn(replies))).toEqual(expectedFacts(c, edit));
      },
    );

    test('a field label is recognised whatever its case', async () => {
      const c = await open(backend.fresh(), language);
      await newLoginSummary(c);
      await c.send(c.words.edit);
      expect(await c.texts(c.t('summary.cvr').toUpperCase())).toEqual([c.t('ask.cvr')]);
    });

    test('a wrong answer while editing keeps the earlier value of the other fields', async () => {
      const c = await open(backend.fresh(), language);
      await newLoginSummary(c);
      await c.send({ value: { action: 'intake.edit', field: 'cvr' } });
      expect(await c.texts('13748137')).toEqual([c.t('problem.cvr.checksum'), c.t('ask.cvr')]);
      const card = cardIn(await c.send(OTHER_CVR));
      expect(factsOf(card)).toEqual(expectedFacts(c, { label: 'summary.cvr', shown: OTHER_CVR }));
    });

    test('something else typed at the summary is not understood and changes nothing', async () => {
      const c = await open(backend.fresh(), language);
      await newLoginSummary(c);
      expect(await c.texts('hmm')).toEqual([c.t('problem.notUnderstood')]);
      expect(c.filed).toEqual([]);
      await c.send(c.words.confirm);
      expect(c.filed).toHaveLength(1);
    });

    // Fails today: the intake refuses a confirm while it waits for a field to be picked, and
    // answers with a text that tells the user to type the very word that was refused.
    test.each(['typed', 'card button'])(
      'a confirm (%s) at the choice of field to edit still files the unchanged case',
      async (how) => {
        const c = await open(backend.fresh(), language);
        await newLoginSummary(c);
        expect(await c.texts(c.words.edit)).toEqual([c.t('summary.editWhich')]);
        const confirm = how === 'typed' ? c.words.confirm : { value: { action: 'intake.confirm' } };
        const replies = await c.texts(confirm);
        expect(c.filed).toHaveLength(1);
        expect(replies[0]).toBe(c.filedText(c.filed[0]!));
      },
    );

    test('in flow 2, editing what is wanted re-asks only that and shows the new choice', async () => {
      const where = backend.fresh();
      const c = await open(where, language);
      const earlier = await issuedEarlierCase(c);
      await c.sendAll(forgottenInputs(c, earlier, c.words.both));
      const value = { action: 'intake.edit', field: 'requested' };
      expect(await c.texts({ value })).toEqual([c.t('ask.requested')]);
      const card = cardIn(await c.send(c.words.username));
      expect(factsOf(card)).toEqual([
        [c.t('summary.kind'), c.t('kind.forgotten')],
        [c.t('summary.earlierCaseNumber'), earlier],
        [c.t('summary.cpr'), answers.cprMasked],
        [c.t('summary.cvr'), answers.cvr],
        [c.t('summary.recipient'), answers.recipient],
        [c.t('summary.requested'), c.t('requested.username')],
      ]);
    });
  });
});
