import type { StorageChoice } from '../../storage';
import type { TextKey } from '../../texts';
import { textsOf } from '../support/dialog-chat';
import { describeEachBackend } from '../support/storage-backends';
import {
  COLLEAGUE,
  STAFF,
  answers,
  buttonData,
  cardIn,
  forgottenInputs,
  issuedEarlierCase,
  languages,
  newLoginInputs,
  useChats,
  type Input,
  type StaffChat,
} from './chat-flows';

/** The number a summary reserves for its case, which its buttons carry. */
const RESERVED = expect.stringMatching(/^UL-\d{4}-\d{5,}$/);

/** A step of a flow: what the bot shows there, and the inputs that lead to it. */
interface Step {
  name: string;
  shows: TextKey;
  inputs(c: StaffChat, earlierCaseNumber: string): Input[];
}

/** Every step of flow 1; `count` inputs of the full sequence reach each. */
const newLoginSteps: Step[] = (
  [
    [1, 'eligibility.contactPerson', 'the contact-person question'],
    [2, 'eligibility.registered', 'the registered question'],
    [3, 'eligibility.triedMitId', 'the MitID question'],
    [4, 'ask.cpr', 'the CPR question'],
    [5, 'ask.cvr', 'the CVR question'],
    [6, 'ask.recipient', 'the recipient question'],
    [7, 'summary.title', 'the summary'],
  ] as const
)
  .map(([count, shows, name]): Step => ({
    name,
    shows,
    inputs: (c) => newLoginInputs(c).slice(0, count),
  }))
  .concat({
    name: 'the choice of field to edit',
    shows: 'summary.editWhich',
    inputs: (c) => [...newLoginInputs(c), c.words.edit],
  });

/** Every step of flow 2. */
const forgottenSteps: Step[] = (
  [
    [1, 'ask.earlierCaseNumber', 'the earlier-case question'],
    [2, 'ask.cpr', 'the CPR question'],
    [3, 'ask.cvr', 'the CVR question'],
    [4, 'ask.recipient', 'the recipient question'],
    [5, 'ask.requested', 'the question of what is wanted'],
    [6, 'summary.title', 'the summary'],
  ] as const
)
  .map(([count, shows, name]): Step => ({
    name,
    shows,
    inputs: (c, earlier) => forgottenInputs(c, earlier).slice(0, count),
  }))
  .concat({
    name: 'the choice of field to edit',
    shows: 'summary.editWhich',
    inputs: (c, earlier) => [...forgottenInputs(c, earlier), c.words.edit],
  });

describeEachBackend('cancelling a flow in the chat', (backend) => {
  const open = useChats();

  describe.each(languages)('in %s', (language) => {
    /** A colleague's issued case, so that flow 2 can pass its earlier-case check. */
    async function colleaguesIssuedCase(where: StorageChoice): Promise<string> {
      const colleague = await open(where, language, { userId: COLLEAGUE });
      return issuedEarlierCase(colleague);
    }

    async function expectCancelledAndFresh(c: StaffChat, replies: string[]) {
      expect(replies).toEqual([c.t('command.cancelled')]);
      expect(c.filed).toEqual([]);
      expect(await c.stores.cases.listByRequester(STAFF, 10)).toEqual([]);
      expect(await c.texts(c.words.help)).toEqual([c.t('help.text')]);
    }

    test('a chat saved in a dialog this version no longer has starts fresh', async () => {
      const c = await open(backend.fresh(), language);
      await c.texts(c.words.newLogin);
      const key = c.stateKey;
      expect(await c.stores.chats.get(key)).toBeDefined();
      const older = { dialogStack: [{ id: 'root', state: { dialogs: { dialogStack: [] } } }] };
      await c.stores.chats.put(key, { dialogState: older });

      expect(await c.texts(c.words.help)).toEqual([
        c.t('conversation.forgotten'),
        c.t('help.text'),
      ]);
      expect(await c.texts(c.words.help)).toEqual([c.t('help.text')]);
      expect(await c.texts(c.words.newLogin)).toEqual([c.t('eligibility.contactPerson')]);
    });

    test.each(newLoginSteps)(
      'typing cancel at $name of flow 1 stops, files nothing, and the next message starts fresh',
      async (step) => {
        const c = await open(backend.fresh(), language);
        const atStep = await c.sendAll(step.inputs(c, ''));
        expect(textsOf(atStep).at(-1)).toBe(c.t(step.shows));
        await expectCancelledAndFresh(c, await c.texts(c.words.cancel));
      },
    );

    test.each(forgottenSteps)(
      'typing cancel at $name of flow 2 stops, files nothing, and the next message starts fresh',
      async (step) => {
        const where = backend.fresh();
        const earlier = await colleaguesIssuedCase(where);
        const c = await open(where, language);
        const atStep = await c.sendAll(step.inputs(c, earlier));
        expect(textsOf(atStep).at(-1)).toBe(c.t(step.shows));
        await expectCancelledAndFresh(c, await c.texts(c.words.cancel));
      },
    );

    test("the summary card's cancel button stops flow 1 and files nothing", async () => {
      const c = await open(backend.fresh(), language);
      const card = cardIn(await c.sendAll(newLoginInputs(c)));
      const cancel = buttonData(card, c.t('summary.cancel'));
      expect(cancel).toEqual({ action: 'intake.cancel', caseNumber: RESERVED });
      await expectCancelledAndFresh(c, await c.texts({ value: cancel }));
    });

    test("the summary card's cancel button stops flow 2 and files nothing", async () => {
      const where = backend.fresh();
      const earlier = await colleaguesIssuedCase(where);
      const c = await open(where, language);
      const card = cardIn(await c.sendAll(forgottenInputs(c, earlier)));
      const cancel = buttonData(card, c.t('summary.cancel'));
      expect(cancel).toEqual({ action: 'intake.cancel', caseNumber: RESERVED });
      await expectCancelledAndFresh(c, await c.texts({ value: cancel }));
    });

    test('a confirm after cancelling files nothing', async () => {
      const c = await open(backend.fresh(), language);
      await c.sendAll([...newLoginInputs(c), c.words.cancel]);
      await c.send({ value: { action: 'intake.confirm' } });
      expect(c.filed).toEqual([]);
      expect(await c.stores.cases.listByRequester(STAFF, 10)).toEqual([]);
    });

    test('cancel with nothing going on says there is nothing to cancel', async () => {
      const c = await open(backend.fresh(), language);
      expect(await c.texts(c.words.cancel)).toEqual([c.t('command.nothingToCancel')]);
    });
  });

  test('the answers of a cancelled flow are not offered again when a new flow starts', async () => {
    const c = await open(backend.fresh(), 'da');
    await c.sendAll([...newLoginInputs(c).slice(0, 6), c.words.cancel]);
    const replies = await c.sendAll([...newLoginInputs(c).slice(0, 4), answers.cpr]);
    expect(textsOf(replies)).toEqual([c.t('ask.cvr')]);
  });
});
