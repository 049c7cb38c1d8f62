import type { Activity } from 'botbuilder';
import type { CaseNumber } from '../../cases/case-number';
import { cardProblems } from '../support/parse-card';
import { describeEachBackend } from '../support/storage-backends';
import { until } from '../support/until';
import {
  STAFF,
  OTHER_CVR,
  cardIn,
  forgottenInputs,
  issuedEarlierCase,
  languages,
  newLoginInputs,
  useChats,
  type Card,
  type Input,
  type StaffChat,
} from './chat-flows';

const CONFIRM: Input = { value: { action: 'intake.confirm' } };
const CASE_NUMBERS = /UL-\d{4}-\d{5,}/g;

/** The case numbers named in the stored conversation state, each once. */
async function numbersInStoredState(c: StaffChat): Promise<string[]> {
  return [...new Set((await c.storedState()).match(CASE_NUMBERS) ?? [])];
}

/** Runs a flow to its summary card; returns the summary's activity id. */
async function summaryShown(c: StaffChat, inputs: Input[]): Promise<string> {
  const replies = await c.sendAll(inputs);
  cardIn(replies);
  const id = replies.at(-1)?.id;
  if (!id) throw new Error('the summary card was sent without an activity id');
  return id;
}

/** The case and its jobs: exactly one card must ever be posted for it. */
async function expectOneCaseWithOneCard(c: StaffChat, caseNumber: CaseNumber) {
  expect((await c.stores.cases.listByRequester(STAFF, 10)).map((k) => k.caseNumber)).toEqual([
    caseNumber,
  ]);
  const jobs = await c.stores.jobs.forCase(caseNumber);
  expect(jobs.filter((job) => job.kind === 'postCard')).toHaveLength(1);
}

/** The data the Confirm button of a summary card sends. */
function confirmData(activity: Partial<Activity> | undefined): Record<string, unknown> {
  const actions = (cardOf(activity).actions ?? []) as { data?: { action?: string } }[];
  const confirm = actions.find((a) => a.data?.action === 'intake.confirm');
  if (!confirm?.data) throw new Error('the summary card has no Confirm button');
  return confirm.data;
}

function cardOf(activity: Partial<Activity> | undefined): Card & { actions?: unknown[] } {
  const card = activity?.attachments?.[0]?.content as Card | undefined;
  if (!card) throw new Error(`expected a card, got ${JSON.stringify(activity)}`);
  return card;
}

/**
 * Two confirms of one summary whose turns overlap, as a double click sends them: the first is
 * held after its work and before its state save until the second has run; its save then fails
 * on the version, and it runs again on the second's state. Returns how each turn ended.
 */
async function overlappingConfirms(c: StaffChat, confirm: Input): Promise<string[]> {
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  const ended = (turn: Promise<unknown>) =>
    turn.then(
      () => 'answered',
      (error: unknown) => `failed: ${String(error)}`,
    );
  const first = ended(c.send(confirm, { beforeSave: () => held }));
  await until(async () => (await c.stores.cases.listByRequester(STAFF, 10)).length === 1);
  const second = await ended(c.send(confirm));
  release();
  return [await first, second];
}

describeEachBackend('filing a case exactly once', (backend) => {
  const open = useChats();

  describe.each(languages)('in %s', (language) => {
    test('the case number is reserved and kept in the stored dialog state when the summary is shown', async () => {
      const c = await open(backend.fresh(), language);
      await summaryShown(c, newLoginInputs(c));
      const [reserved, ...others] = await numbersInStoredState(c);
      expect(reserved).toMatch(/^UL-\d{4}-\d{5}$/);
      expect(others).toEqual([]);
      expect(await c.stored(reserved!)).toBeUndefined();

      await c.send(CONFIRM);
      expect(c.filed).toEqual([reserved]);
      expect(await c.stored(reserved!)).toMatchObject({ caseNumber: reserved, state: 'filed' });
    });

    test('an edit and a second summary keep the number reserved at the first', async () => {
      const c = await open(backend.fresh(), language);
      await summaryShown(c, newLoginInputs(c));
      const [reserved] = await numbersInStoredState(c);
      await c.sendAll([{ value: { action: 'intake.edit', field: 'cvr' } }, OTHER_CVR]);
      expect(await numbersInStoredState(c)).toEqual([reserved]);
      await c.send(CONFIRM);
      expect(c.filed).toEqual([reserved]);
    });

    test('after filing, the summary card is replaced in place by one that names the case and has no buttons', async () => {
      const c = await open(backend.fresh(), language);
      const summaryId = await summaryShown(c, newLoginInputs(c));
      expect(c.updates).toEqual([]);
      await c.send(CONFIRM);
      const caseNumber = c.filed[0]!;

      expect(c.updates).toHaveLength(1);
      expect(c.updates[0]?.id).toBe(summaryId);
      const card = cardOf(c.updates[0]);
      expect(card.actions ?? []).toEqual([]);
      expect(JSON.stringify(card)).not.toContain('Action.');
      expect(card.body[0]?.text).toBe(c.t('kind.new'));
      expect(card.body.map((block) => block.text)).toContain(
        c.t('summary.filedAs', { caseNumber }),
      );
      expect(cardProblems(card)).toEqual([]);
    });

    test('a typed confirm replaces the summary card in place just the same', async () => {
      const c = await open(backend.fresh(), language);
      const summaryId = await summaryShown(c, newLoginInputs(c));
      await c.send(c.words.confirm);
      expect(c.updates.map((u) => u.id)).toEqual([summaryId]);
      expect(JSON.stringify(cardOf(c.updates[0]))).toContain(c.filed[0]);
    });

    test('the replaced card of a forgotten-login case names that kind and its number', async () => {
      const c = await open(backend.fresh(), language);
      const earlier = await issuedEarlierCase(c);
      const summaryId = await summaryShown(c, forgottenInputs(c, earlier));
      await c.send(CONFIRM);
      const caseNumber = c.filed[1]!;
      const update = c.updates.find((u) => u.id === summaryId);
      expect(cardOf(update).body[0]?.text).toBe(c.t('kind.forgotten'));
      expect(JSON.stringify(cardOf(update))).toContain(caseNumber);
      expect(JSON.stringify(cardOf(update))).not.toContain(earlier);
    });

    test('two overlapping confirms of one summary (a double click) file one case, and both turns answer with its number', async () => {
      const c = await open(backend.fresh(), language);
      await summaryShown(c, newLoginInputs(c));
      const onTheCard = confirmData(c.sent.filter((r) => r.attachments?.length).at(-1));
      expect(await overlappingConfirms(c, { value: onTheCard })).toEqual(['answered', 'answered']);
      const caseNumber = c.filed[0]!;
      // Only the turn whose save won filed; the other was answered from the case it filed.
      expect(c.filed).toEqual([caseNumber]);
      await expectOneCaseWithOneCard(c, caseNumber);
      const answers = c.sent.filter((reply) => reply.text === c.filedText(caseNumber));
      expect(answers).toHaveLength(2);
    });

    test('a second confirm of the same summary after the first was answered files nothing and names the same case', async () => {
      const c = await open(backend.fresh(), language);
      await summaryShown(c, newLoginInputs(c));
      // What the card's Confirm button sends: the number reserved for the case.
      const onTheCard = confirmData(c.sent.filter((r) => r.attachments?.length).at(-1));
      expect(await c.texts({ value: onTheCard })).toEqual([c.filedText(c.filed[0]!)]);
      const again = await c.texts({ value: onTheCard });
      await expectOneCaseWithOneCard(c, c.filed[0]!);
      expect(again).toEqual([c.filedText(c.filed[0]!)]);
    });

    test("a confirm that names another staff member's case says the summary is closed and names nothing", async () => {
      const where = backend.fresh();
      const owner = await open(where, language);
      await summaryShown(owner, newLoginInputs(owner));
      await owner.send(CONFIRM);
      const theirs = owner.filed[0]!;
      // Card data is the sender's to write: another user sends a Confirm naming that case.
      const other = await open(where, language, { userId: 'staff-other' });
      const answer = await other.texts({ value: { action: 'intake.confirm', caseNumber: theirs } });
      expect(answer).toEqual([other.t('summary.closed')]);
      expect(answer.join('\n')).not.toContain(theirs);
      const audit = await other.stores.audit.forCase(theirs);
      expect(audit.some((e) => e.action === 'case.read.refused')).toBe(true);
    });

    test('a confirm whose turn died before its state was saved, confirmed again, files nothing new and names the same case', async () => {
      const c = await open(backend.fresh(), language);
      await summaryShown(c, newLoginInputs(c));
      const [reserved] = await numbersInStoredState(c);
      expect(await c.send(CONFIRM, { saveState: false })).toEqual([]);
      expect(await c.stored(reserved!)).toMatchObject({ caseNumber: reserved, state: 'filed' });
      // The state still shows the summary, as after a crash between the filing and the save.
      expect(await numbersInStoredState(c)).toEqual([reserved]);

      expect(await c.texts(CONFIRM)).toEqual([c.filedText(reserved!)]);
      await expectOneCaseWithOneCard(c, reserved as CaseNumber);
      expect(c.filed).toEqual([reserved]);
    });

    test('after a restart mid-turn, a confirm in the chat opened again names the case filed before the crash', async () => {
      const where = backend.fresh();
      const before = await open(where, language);
      await summaryShown(before, newLoginInputs(before));
      const [filed] = await numbersInStoredState(before);
      await before.send(CONFIRM, { saveState: false });
      await before.close();

      const after = await open(where, language);
      expect(await after.texts(CONFIRM)).toEqual([after.filedText(filed!)]);
      expect(after.filed).toEqual([filed]);
      await expectOneCaseWithOneCard(after, filed as CaseNumber);
      expect(await after.texts(after.words.help)).toEqual([after.t('help.text')]);
    });
  });
});
