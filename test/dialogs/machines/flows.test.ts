import type { RequestedItems } from '../../../cases/case';
import type { CaseNumber } from '../../../cases/case-number';
import { welcomeCard } from '../../../cards/welcome-card';
import { caseTryKey, userTryKey } from '../../../cases/forgotten-login-guard';
import { converse } from '../../../dialogs/conversation';
import { conversationSchema, readConversation } from '../../../dialogs/conversation-state';
import { triesSpec } from '../../../storage/document-try-counter';
import { text, type Language, type TextKey } from '../../../texts';
import {
  answers,
  EARLIER,
  languages,
  openMachineWorld,
  said,
  seen,
  STAFF,
  typed,
  useMachineWorld,
  type MachineChat,
  type Words,
} from './machine-world';
import { freshCpr } from '../../support/filing-answers';

const world = useMachineWorld();

const gate = (w: Words) => [w.newLogin, w.yes, w.yes, w.yes];
const newSummary = (w: Words) => [...gate(w), freshCpr(), answers.cvr, answers.recipient];
const forgottenSummary = (w: Words, requested: string) => [
  w.forgotten,
  EARLIER,
  answers.cpr,
  answers.cvr,
  answers.recipient,
  requested,
];

/** The case number the summary reserved, read from the chat's state. */
function reserved(chat: MachineChat): CaseNumber {
  const flow = chat.conversation.flow;
  if (flow?.flow !== 'intake' || !flow.caseNumber) throw new Error('no summary open');
  return flow.caseNumber;
}

const filedText = (language: Language, caseNumber: string, keys: TextKey[]) =>
  keys.map((key) => text(language, key, { caseNumber })).join('\n\n');

describe.each(languages)('in %s', (language) => {
  const w = typed[language];
  const chat = () => world().chat(language);

  test.each([
    [0, 'eligibility.no.contactPerson'],
    [1, 'eligibility.no.registered'],
    [2, 'eligibility.no.triedMitId'],
  ] as const)('a no at eligibility question %i ends the flow and says %s', async (at, key) => {
    const c = chat();
    await c.sendAll([w.newLogin, ...Array<string>(at).fill(w.yes)]);
    expect(await c.say(w.no)).toEqual([said(language, key)]);
    expect(text(language, key)).toContain(`**${w.newLogin}**`);
    expect(c.conversation.flow).toBeUndefined();
  });

  test.each([
    ['an eligibility question', (x: Words) => [x.newLogin], 'måske', 'problem.yesNo.unclear'],
    ['the CPR', gate, '12345', 'problem.cpr.length'],
    ['the CVR', (x: Words) => [...gate(x), freshCpr()], '12345678', 'problem.cvr.checksum'],
    [
      'the recipient',
      (x: Words) => [...gate(x), freshCpr(), answers.cvr],
      '42',
      'problem.recipient.characters',
    ],
    ['the earlier case number', (x: Words) => [x.forgotten], 'abc', 'problem.caseNumber.format'],
    [
      'what is requested',
      (x: Words) => forgottenSummary(x, '').slice(0, -1),
      'all of it',
      'problem.requested.unclear',
    ],
  ] as const)('three wrong answers to %s stop the flow', async (_name, before, wrong, problem) => {
    const c = chat();
    const asked = (await c.sendAll(before(w))).replies.at(-1);
    const flow = c.conversation.flow;
    expect(await c.say(wrong)).toEqual([said(language, problem), asked]);
    expect(c.conversation.flow).toEqual({ ...flow, attempts: 1 });
    await c.send(wrong);
    expect(await c.say(wrong)).toEqual([said(language, 'problem.tooManyAttempts')]);
    expect(c.conversation.flow).toBeUndefined();
  });

  test('"I don\'t know" at the earlier case number points to my cases', async () => {
    const c = chat();
    await c.send(w.forgotten);
    const dontKnow = language === 'da' ? 'ved ikke' : "I don't know";
    expect(await c.say(dontKnow)).toEqual([
      said(language, 'problem.caseNumber.dontKnow'),
      said(language, 'ask.earlierCaseNumber'),
    ]);
    expect(text(language, 'problem.caseNumber.dontKnow')).toContain(`**${w.myCases}**`);
    expect(c.conversation.flow).toMatchObject({ asking: 'earlierCaseNumber', attempts: 1 });
  });

  test('an earlier case that does not match the CPR is asked again; a third time stops', async () => {
    const c = chat();
    const otherCpr = '0202851234';
    await c.sendAll([w.forgotten, EARLIER, otherCpr]);
    expect(await c.say(answers.cvr)).toEqual([
      said(language, 'problem.earlierCaseMismatch'),
      said(language, 'ask.earlierCaseNumber'),
    ]);
    expect(c.conversation.flow).toMatchObject({ answers: {}, mismatches: 1, verified: false });
    await c.sendAll([EARLIER, otherCpr, answers.cvr, EARLIER, otherCpr]);
    expect(await c.say(answers.cvr)).toEqual([said(language, 'problem.tooManyAttempts')]);
    expect(c.conversation.flow).toBeUndefined();
    // Wrong tries count across dialogs: forget these, so that the other tests are not locked out.
    const tries = await world().stores.storage.collection(triesSpec);
    await tries.delete(caseTryKey(EARLIER));
    await tries.delete(userTryKey(STAFF.aadObjectId));
  });

  test('free text with nothing going on gets "not understood" on the welcome buttons', async () => {
    const c = chat();
    const [reply, ...more] = (await c.send('hvad med kaffe?')).replies;
    expect(more).toEqual([]);
    expect(reply && seen(reply)).toMatchObject({
      kind: 'card',
      title: text(language, 'problem.notUnderstoodIdle'),
    });
    expect(reply?.kind === 'card' && reply.card.actions).toEqual(welcomeCard(language).actions);
    expect(c.conversation.flow).toBeUndefined();
  });

  test('confirming a new login files it under the reserved number, with the Aula note', async () => {
    const c = chat();
    await c.sendAll(newSummary(w));
    const caseNumber = reserved(c);
    const outcome = await c.send({ action: 'intake.confirm', caseNumber });
    expect(outcome.filed).toBe(caseNumber);
    expect(outcome.replies.map((r) => r.kind === 'text' && r.text)).toEqual([
      filedText(language, caseNumber, ['filed.caseNumber', 'filed.processing.new', 'filed.aula']),
    ]);
    const stored = await world().stores.cases.get(caseNumber);
    expect(stored).toMatchObject({
      state: 'filed',
      request: { kind: 'new' },
      requester: STAFF,
      institution: { cvr: answers.cvr, recipient: answers.recipient },
      subject: { cprMasked: '010190-****' },
    });
    expect(c.conversation.flow).toBeUndefined();
  });

  test.each<RequestedItems>(['username', 'password', 'both'])(
    'typing confirm files a forgotten login for %s, without the Aula note',
    async (requested) => {
      const c = chat();
      await c.sendAll(forgottenSummary(w, text(language, `requested.${requested}`)));
      const caseNumber = reserved(c);
      const outcome = await c.send(w.confirm);
      expect(outcome.filed).toBe(caseNumber);
      expect(outcome.replies.map((r) => r.kind === 'text' && r.text)).toEqual([
        filedText(language, caseNumber, ['filed.caseNumber', `filed.processing.${requested}`]),
      ]);
      expect(outcome.replies[0]?.kind === 'text' && outcome.replies[0].text).not.toContain(
        text(language, 'filed.aula'),
      );
      expect(await world().stores.cases.get(caseNumber)).toMatchObject({
        state: 'filed',
        request: { kind: 'forgotten', earlierCaseNumber: EARLIER, requested },
      });
    },
  );

  test('Confirm on the summary replaces that card with one without buttons', async () => {
    const c = chat();
    await c.sendAll(newSummary(w));
    const caseNumber = reserved(c);
    const outcome = await c.send(
      { action: 'intake.confirm', caseNumber },
      { replyToId: 'summary-activity-7' },
    );
    expect(outcome.filed).toBe(caseNumber);
    expect(outcome.replies.map(seen)).toEqual([
      {
        kind: 'text',
        text: filedText(language, caseNumber, [
          'filed.caseNumber',
          'filed.processing.new',
          'filed.aula',
        ]),
      },
      {
        kind: 'replaceCard',
        activityId: 'summary-activity-7',
        title: text(language, 'kind.new'),
        buttons: [],
      },
    ]);
    const replaced = outcome.replies[1];
    expect(replaced?.kind === 'replaceCard' && replaced.card.actions).toBeUndefined();
    expect(JSON.stringify(replaced)).toContain(text(language, 'summary.filedAs', { caseNumber }));
  });

  test("an old summary's Confirm does not file the intake in progress", async () => {
    const c = chat();
    await c.sendAll(newSummary(w));
    const old = reserved(c);
    await c.send({ action: 'intake.confirm', caseNumber: old });
    await c.sendAll(newSummary(w));
    const current = reserved(c);
    const flow = c.conversation.flow;
    expect(current).not.toBe(old);
    const outcome = await c.send({ action: 'intake.confirm', caseNumber: old });
    expect(outcome.filed).toBeUndefined();
    expect(outcome.replies.map((r) => r.kind === 'text' && r.text)).toEqual([
      filedText(language, old, ['filed.caseNumber', 'filed.processing.new', 'filed.aula']),
      text(language, 'summary.pending'),
    ]);
    expect(await world().stores.cases.get(current)).toBeUndefined();
    expect(c.conversation.flow).toEqual(flow);
  });

  test.each([
    ['Cancel', { action: 'intake.cancel' }],
    ['Edit', { action: 'intake.edit', field: 'cvr' }],
  ] as const)(
    "an abandoned summary's %s does not act on the intake in progress",
    async (_n, button) => {
      const c = chat();
      await c.sendAll(newSummary(w));
      const old = reserved(c);
      await c.send('annuller');
      await c.sendAll(newSummary(w));
      const flow = c.conversation.flow;
      const outcome = await c.send({ ...button, caseNumber: old });
      expect(outcome.replies.map((r) => r.kind === 'text' && r.text)).toEqual([
        text(language, 'summary.closed'),
        text(language, 'summary.pending'),
      ]);
      expect(c.conversation.flow).toEqual(flow);
    },
  );

  test('a typed confirm after a filing whose answer was lost names that case', async () => {
    const c = chat();
    await c.sendAll(newSummary(w));
    const filed = await c.send(w.confirm);
    // The turn's state was saved, and the process died before its replies went out.
    expect(filed.filed).toBeDefined();
    const again = await c.send(w.confirm);
    expect(again.filed).toBeUndefined();
    expect(again.replies.map((r) => r.kind === 'text' && r.text)).toEqual([
      filedText(language, filed.filed!, ['filed.caseNumber', 'filed.processing.new', 'filed.aula']),
    ]);
    expect(c.conversation.flow).toBeUndefined();
  });

  test('a typed confirm in a chat that never filed is not understood', async () => {
    const outcome = await chat().send(w.confirm);
    expect(outcome.replies).toHaveLength(1);
    expect(outcome.replies[0]?.kind).toBe('card');
  });

  test('the summary tells that the case waits when support has no channel yet', async () => {
    const waiting = await openMachineWorld({ supportChannelReady: false });
    try {
      const c = waiting.chat(language);
      await c.sendAll(newSummary(w));
      expect((await c.say(w.confirm)).at(-1)).toEqual(
        said(language, 'requester.waitingForSupport'),
      );
    } finally {
      await waiting.close();
    }
  });

  test('a chat left in the botbuilder layout is told it was forgotten, then answered', async () => {
    const read = readConversation({ dialogState: { dialogStack: [{ id: 'newLogin' }] } });
    expect(read).toEqual({ conversation: { v: 2 }, forgotten: true });
    const outcome = await converse(world().deps, read, {
      text: w.help,
      language,
      requester: STAFF,
    });
    expect(outcome.replies.map(seen)).toEqual([
      said(language, 'conversation.forgotten'),
      said(language, 'help.text'),
    ]);
    expect(outcome.conversation).toEqual({ v: 2 });
  });

  test('an empty stored chat is answered without an apology', async () => {
    const read = readConversation({});
    expect(read).toEqual({ conversation: { v: 2 }, forgotten: false });
    const outcome = await converse(world().deps, read, {
      text: w.help,
      language,
      requester: STAFF,
    });
    expect(outcome.replies.map(seen)).toEqual([said(language, 'help.text')]);
  });

  test('every state of a forgotten login with an edit survives storage unchanged', async () => {
    const c = chat();
    await c.sendAll(forgottenSummary(w, language === 'da' ? 'begge' : 'both'));
    const caseNumber = reserved(c);
    await c.sendAll([w.edit, text(language, 'summary.recipient'), 'Bo Berg']);
    expect(c.conversation.flow).toMatchObject({ phase: 'review', caseNumber });
    await c.sendAll(['status', EARLIER, w.confirm]);
    expect(c.states.length).toBeGreaterThanOrEqual(12);
    for (const state of c.states) {
      expect(conversationSchema.parse(JSON.parse(JSON.stringify(state)))).toEqual(state);
    }
    expect(await world().stores.cases.get(caseNumber)).toMatchObject({
      institution: { recipient: 'Bo Berg' },
    });
  });
});

describe('reading a stored conversation', () => {
  test('no document at all is a fresh conversation with nothing forgotten', () => {
    expect(readConversation(undefined)).toEqual({ conversation: { v: 2 }, forgotten: false });
  });

  test('a damaged conversation counts as something forgotten', () => {
    const read = readConversation({ conversation: { v: 2, flow: { flow: 'nonsense' } } });
    expect(read).toEqual({ conversation: { v: 2 }, forgotten: true });
  });
});
