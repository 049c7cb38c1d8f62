import { MAX_ANSWER_LENGTH, type Case } from '../../cases/case';
import type { CaseNumber } from '../../cases/case-number';
import { catalogues, text } from '../../texts';
import { formatTime } from '../../texts/format-time';
import { startApprovalWorld, type ApprovalWorld } from '../support/approval-world';
import {
  cardsTo,
  cardUpdates,
  DAY_MS,
  MINUTE_MS,
  postedThreads,
  pressSubmit,
  submitData,
  TestClock,
  threadOf,
  verbsOn,
} from '../support/issue13-world';
import { rawStoredData } from '../support/raw-storage';
import { parseMail } from '../support/smtp-test-server';
import { describeEachBackend } from '../support/storage-backends';
import { until } from '../support/until';

const da = catalogues.da;
const REQUESTER = 'staff-1';
const CHAT = `personal-${REQUESTER}`;
const QUESTION = 'Hvilken klasse går barnet i, og hvem er klasselærer?';
const ANSWER = 'Barnet går i 3.B; klasselæreren hedder Bo Berg.';

/** The "Bed om oplysninger" button of an approver's card: its title, field and submit. */
function askButtonOf(card: { actions?: unknown[] }) {
  type ShowCard = {
    type: string;
    title: string;
    card: { body: { type: string; id: string }[]; actions: { verb?: string; data?: unknown }[] };
  };
  const button = ((card.actions ?? []) as ShowCard[]).find(
    (action) =>
      action.type === 'Action.ShowCard' && action.card.actions.some((a) => a.verb === 'case.ask'),
  )!;
  return {
    title: button.title,
    input: button.card.body.find((element) => element.type === 'Input.Text')!,
    submit: button.card.actions.find((a) => a.verb === 'case.ask')!,
  };
}

const DECISION_VERBS = ['case.approve', 'case.deny', 'case.ask'];

describeEachBackend('the approver asks the requester a question', (backend) => {
  let world: ApprovalWorld;
  let clock: TestClock;
  beforeEach(async () => {
    clock = new TestClock(new Date());
    world = await startApprovalWorld(backend.fresh(), { now: clock.now });
    await world.channel('registrer', 'approver-1');
  });
  afterEach(() => world.close());

  const questionCards = (conversation = CHAT) =>
    cardsTo(world.connector, conversation).filter((c) =>
      c.json.includes(text('da', 'question.title', { caseNumber: '' }).trim()),
    );
  const reminderCards = (caseNumber: string) =>
    cardsTo(world.connector, CHAT).filter((c) =>
      c.json.includes(text('da', 'question.reminderTitle', { caseNumber })),
    );
  const stored = async (caseNumber: CaseNumber) => (await world.app.stores.cases.get(caseNumber))!;
  const textsTo = (conversation = CHAT) => world.connector.textsTo(conversation);

  /** The notice of a question refused because `value`'s question is open. */
  const alreadyAsked = (value: Case) => {
    const open = value.questions!.at(-1)!;
    return text('da', 'approval.notice.alreadyAsked', {
      name: open.askedBy.name,
      at: formatTime('da', open.askedAt),
    });
  };

  /** A filed case whose card is in the channel and whose jobs are done. */
  async function filedCase(userId = REQUESTER): Promise<CaseNumber> {
    const caseNumber = await world.file(userId);
    await world.settled(caseNumber);
    return caseNumber;
  }

  /** The submit data of the newest question card the requester got for a case. */
  async function questionCardData(caseNumber: CaseNumber, question = QUESTION) {
    await until(() =>
      questionCards().some((c) => c.json.includes(caseNumber) && c.json.includes(question)),
    );
    const card = questionCards()
      .filter((c) => c.json.includes(caseNumber))
      .at(-1)!;
    return submitData(card, (data) => data.action === 'case.answer')!;
  }

  /** Asks and waits for the question card in the requester's chat; returns its submit data. */
  async function asked(caseNumber: CaseNumber, by = 'approver-2', question = QUESTION) {
    const answer = await world.invoke('case.ask', { caseNumber, question }, by);
    expect(answer.status).toBe(200);
    return questionCardData(caseNumber, question);
  }

  /** The requester types an answer into the question card and presses Send. */
  const answerWith = (data: Record<string, unknown>, answer: string, userId = REQUESTER) =>
    pressSubmit(world, `personal-${userId}`, data, userId, { answer });

  it('asks, hides the decision while it waits, takes the answer from the card, and approves after it: the whole loop', async () => {
    const caseNumber = await filedCase();
    // An approver's view of the card: "Bed om oplysninger" opens a required question field.
    const offered = await world.invoke('case.refresh', { caseNumber }, 'approver-2');
    const ask = askButtonOf(offered.body.value);
    expect(ask.title).toBe(da['approval.ask']);
    expect(ask.input).toMatchObject({ type: 'Input.Text', id: 'question', isRequired: true });
    expect(ask.submit).toMatchObject({ type: 'Action.Execute', verb: 'case.ask' });
    expect(postedThreads(world.connector).at(-1)!.json).toContain(caseNumber);

    const invoked = await world.invoke(
      'case.ask',
      { ...(ask.submit.data as object), [ask.input.id]: QUESTION },
      'approver-2',
    );
    expect(invoked.status).toBe(200);
    expect(invoked.body.type).toBe('application/vnd.microsoft.card.adaptive');
    const waiting = await stored(caseNumber);
    expect(waiting.state).toBe('info_requested');
    expect(waiting.questions).toHaveLength(1);
    expect(waiting.questions![0]).toMatchObject({
      question: QUESTION,
      askedBy: { aadObjectId: 'approver-2', name: 'Name of approver-2' },
    });
    const askedAt = waiting.questions![0]!.askedAt;
    const questionLine = text('da', 'approval.question', {
      name: 'Name of approver-2',
      at: formatTime('da', askedAt),
      question: QUESTION,
    });
    const answerCard = JSON.stringify(invoked.body.value);
    expect(answerCard).toContain(questionLine);
    expect(answerCard).toContain(da['approval.waitingForAnswer']);
    expect(verbsOn(invoked.body.value)).toEqual([]);

    // The channel's card shows the question and offers no decision while the case waits.
    const { activityId, threadId } = await threadOf(world, caseNumber);
    await until(() =>
      cardUpdates(world.connector).some(
        (u) => u.activityId === activityId && u.json.includes(QUESTION),
      ),
    );
    const updated = cardUpdates(world.connector)
      .filter((u) => u.activityId === activityId)
      .at(-1)!;
    expect(updated.json).toContain(questionLine);
    expect(updated.json).toContain(da['approval.state.info_requested']);
    expect(updated.card.actions ?? []).toEqual([]);
    const viewed = await world.invoke('case.refresh', { caseNumber }, 'approver-3');
    expect(verbsOn(viewed.body.value)).toEqual([]);

    // The requester gets the question in their personal chat, naming the case.
    const data = await questionCardData(caseNumber);
    expect(data).toEqual({ action: 'case.answer', caseNumber, questionAt: askedAt });
    const questionCard = questionCards()[0]!;
    expect(questionCard.json).toContain(text('da', 'question.title', { caseNumber }));
    expect(questionCard.json).toContain(QUESTION);
    await world.say(CHAT, `status ${caseNumber}`);
    const status = JSON.stringify(world.connector.messagesTo(CHAT).at(-1));
    expect(status).toContain(da['state.info_requested']);
    expect(status).toContain(QUESTION);

    await answerWith(data, ANSWER);
    expect(textsTo().at(-1)).toBe(text('da', 'answer.sent', { caseNumber }));
    const answered = await stored(caseNumber);
    expect(answered.state).toBe('filed');
    expect(answered.questions).toEqual([
      expect.objectContaining({
        question: QUESTION,
        askedAt,
        answer: expect.objectContaining({
          text: ANSWER,
          by: { aadObjectId: REQUESTER, name: 'Sofie Skolesekretær' },
        }),
      }),
    ]);

    // The thread names the answer; the card shows it and gives the approvers their buttons back.
    await until(() => textsTo(threadId).some((t) => t.includes(ANSWER)));
    expect(textsTo(threadId).find((t) => t.includes(ANSWER))).toContain(caseNumber);
    const answerLine = text('da', 'approval.answer', {
      name: 'Sofie Skolesekretær',
      at: formatTime('da', answered.questions![0]!.answer!.at),
      answer: ANSWER,
    });
    await until(() =>
      cardUpdates(world.connector).some(
        (u) => u.activityId === activityId && u.json.includes(answerLine),
      ),
    );
    const afterAnswer = cardUpdates(world.connector)
      .filter((u) => u.activityId === activityId)
      .at(-1)!;
    expect(afterAnswer.json).toContain(questionLine);
    expect(verbsOn(afterAnswer.card)).toEqual(['case.refresh']);
    const refreshed = await world.invoke('case.refresh', { caseNumber }, 'approver-3');
    expect(JSON.stringify(refreshed.body.value)).toContain(answerLine);
    expect(verbsOn(refreshed.body.value)).toEqual(
      expect.arrayContaining(['case.approve', 'case.deny', 'case.ask']),
    );

    const approved = await world.invoke('case.approve', { caseNumber }, 'approver-3');
    expect(JSON.stringify(approved.body.value)).toContain('Godkendt af Name of approver-3');
    await until(() => world.smtp.messages.length === 1);
    expect(world.smtp.messages[0]!.secure).toBe(true);
    expect(parseMail(world.smtp.messages[0]!.raw).text).toContain(caseNumber);
    await world.settled(caseNumber);
    expect((await stored(caseNumber)).state).toBe('mail_sent');
    const audit = (await world.app.stores.audit.forCase(caseNumber)).map((e) => e.action);
    expect(audit).toEqual(
      expect.arrayContaining(['case.info_requested', 'case.info_answered', 'case.approved']),
    );
  });

  it('refuses a second question while one is open, and keeps the first', async () => {
    const caseNumber = await filedCase();
    await asked(caseNumber, 'approver-2');
    const second = await world.invoke(
      'case.ask',
      { caseNumber, question: 'Og hvad hedder skolelederen?' },
      'approver-3',
    );
    expect(second.status).toBe(200);
    const value = await stored(caseNumber);
    const notice = JSON.stringify(second.body.value);
    expect(notice).toContain(alreadyAsked(value));
    expect(notice).not.toContain('skolelederen');
    await world.settled(caseNumber);
    expect(value.questions?.map((q) => q.question)).toEqual([QUESTION]);
    expect(questionCards()).toHaveLength(1);
  });

  it('gives exactly one question and one question card for 10 parallel asks', async () => {
    const caseNumber = await filedCase();
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        world.invoke(
          'case.ask',
          { caseNumber, question: `Spørgsmål nummer ${i + 1}?` },
          `approver-${(i % 3) + 1}`,
        ),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(10).fill(200));
    const value = await stored(caseNumber);
    const refused = answers.filter((a) =>
      JSON.stringify(a.body.value).includes(alreadyAsked(value)),
    );
    expect(refused).toHaveLength(9);
    await world.settled(caseNumber);
    expect(value.state).toBe('info_requested');
    expect(value.questions).toHaveLength(1);
    const winner = answers.find((a) => !refused.includes(a))!;
    expect(JSON.stringify(winner.body.value)).toContain(value.questions![0]!.question as string);
    expect(questionCards()).toHaveLength(1);
    expect(questionCards()[0]!.json).toContain(value.questions![0]!.question as string);
    const audit = await world.app.stores.audit.forCase(caseNumber);
    expect(audit.filter((e) => e.action === 'case.info_requested')).toHaveLength(1);
  });

  it('tells an answer that comes after the case was denied that it was decided, and changes nothing', async () => {
    const caseNumber = await filedCase();
    const data = await asked(caseNumber);
    const denied = await world.invoke(
      'case.deny',
      { caseNumber, reason: 'Ikke kontaktperson' },
      'approver-3',
    );
    expect(JSON.stringify(denied.body.value)).toContain('Afvist af Name of approver-3');
    await world.settled(caseNumber);
    const before = await stored(caseNumber);
    // A question from a card rendered before the decision is told the case was decided.
    const late = await world.invoke('case.ask', { caseNumber, question: QUESTION }, 'approver-1');
    expect(JSON.stringify(late.body.value)).toContain('allerede afgjort af Name of approver-3');

    await answerWith(data, ANSWER);
    expect(textsTo().at(-1)).toBe(text('da', 'answer.alreadyDecided', { caseNumber }));
    await world.settled(caseNumber);
    expect(await stored(caseNumber)).toEqual(before);
    expect(before.state).toBe('denied');
    expect(before.questions![0]!.answer).toBeUndefined();
    const { threadId } = await threadOf(world, caseNumber);
    expect(textsTo(threadId).some((t) => t.includes(ANSWER))).toBe(false);
    const audit = (await world.app.stores.audit.forCase(caseNumber)).map((e) => e.action);
    expect(audit).not.toContain('case.info_answered');
  });

  it("answers a non-approver's ask with the no-access card, asks nothing, and audits it", async () => {
    const caseNumber = await filedCase();
    const answer = await world.invoke('case.ask', { caseNumber, question: QUESTION }, 'staff-9');
    expect(answer.status).toBe(200);
    const card = JSON.stringify(answer.body.value);
    expect(card).toContain(da['access.noAccess']);
    expect(card).not.toContain(caseNumber);
    await world.settled(caseNumber);
    expect((await stored(caseNumber)).state).toBe('filed');
    expect((await stored(caseNumber)).questions ?? []).toEqual([]);
    expect(questionCards()).toHaveLength(0);
    const audit = await world.app.stores.audit.forCase(caseNumber);
    expect(audit).toContainEqual(
      expect.objectContaining({
        action: 'question.refused',
        actor: expect.objectContaining({ aadObjectId: 'staff-9' }),
        detail: 'not an approver',
      }),
    );
  });

  it('lets no approver ask on a case they filed themselves (four eyes)', async () => {
    const caseNumber = await filedCase('approver-3');
    const own = await world.invoke('case.ask', { caseNumber, question: QUESTION }, 'approver-3');
    expect(JSON.stringify(own.body.value)).toContain(da['approval.notice.ownCaseAsk']);
    const viewed = await world.invoke('case.refresh', { caseNumber }, 'approver-3');
    expect(verbsOn(viewed.body.value).filter((verb) => DECISION_VERBS.includes(verb))).toEqual([]);
    await world.settled(caseNumber);
    expect((await stored(caseNumber)).state).toBe('filed');
    expect(questionCards('personal-approver-3')).toHaveLength(0);
  });

  it('refuses a CPR-shaped question and a CPR-shaped answer, and stores neither', async () => {
    const caseNumber = await filedCase();
    const cprQuestion = await world.invoke(
      'case.ask',
      { caseNumber, question: 'Er det barnets CPR 241180-4711?' },
      'approver-2',
    );
    expect(JSON.stringify(cprQuestion.body.value)).toContain(da['approval.notice.questionHasCpr']);
    expect((await stored(caseNumber)).state).toBe('filed');

    const data = await asked(caseNumber);
    await answerWith(data, 'Forælderens CPR er 2411804712');
    expect(textsTo().at(-1)).toBe(da['answer.hasCpr']);
    const waiting = await stored(caseNumber);
    expect(waiting.state).toBe('info_requested');
    expect(waiting.questions![0]!.answer).toBeUndefined();

    // A corrected answer on the same card is taken.
    await answerWith(data, ANSWER);
    expect(textsTo().at(-1)).toBe(text('da', 'answer.sent', { caseNumber }));
    await world.settled(caseNumber);
    const everything = [
      await rawStoredData(world.app.where),
      world.app.logs.join('\n'),
      JSON.stringify(world.connector.calls),
    ].join('\n');
    expect(everything).not.toMatch(/241180-?471[12]/);
  });

  it("answers an answer to someone else's case as an unknown case, and the requester can still answer", async () => {
    const caseNumber = await filedCase();
    const data = await asked(caseNumber);
    await answerWith(data, 'Jeg svarer bare for hende.', 'staff-2');
    expect(textsTo('personal-staff-2').at(-1)).toBe(text('da', 'answer.unknown', { caseNumber }));
    expect((await stored(caseNumber)).state).toBe('info_requested');

    await answerWith(data, ANSWER);
    expect(textsTo().at(-1)).toBe(text('da', 'answer.sent', { caseNumber }));
    expect((await stored(caseNumber)).questions![0]!.answer?.text).toBe(ANSWER);
    // A second press of the same card changes nothing.
    await answerWith(data, 'Et andet svar');
    expect(textsTo().at(-1)).toBe(text('da', 'answer.alreadyAnswered', { caseNumber }));
    expect((await stored(caseNumber)).questions![0]!.answer?.text).toBe(ANSWER);
  });

  it('refuses an empty and an over-long answer politely, and the question stays open', async () => {
    const caseNumber = await filedCase();
    const data = await asked(caseNumber);
    await pressSubmit(world, CHAT, data, REQUESTER);
    expect(textsTo().at(-1)).toBe(da['answer.missing']);
    await answerWith(data, '   ');
    expect(textsTo().at(-1)).toBe(da['answer.missing']);
    await answerWith(data, 'x'.repeat(MAX_ANSWER_LENGTH + 1));
    expect(textsTo().at(-1)).toBe(text('da', 'answer.tooLong', { max: MAX_ANSWER_LENGTH }));
    const waiting = await stored(caseNumber);
    expect(waiting.state).toBe('info_requested');
    expect(waiting.questions![0]!.answer).toBeUndefined();
  });

  it('takes the answer after the app was restarted', async () => {
    const caseNumber = await filedCase();
    const data = await asked(caseNumber);
    await world.restart();
    await answerWith(data, ANSWER);
    expect(textsTo().at(-1)).toBe(text('da', 'answer.sent', { caseNumber }));
    const { threadId } = await threadOf(world, caseNumber);
    await until(() => textsTo(threadId).some((t) => t.includes(ANSWER)));
    expect((await stored(caseNumber)).state).toBe('filed');
  });

  it('reminds the requester once, two days after a question that is still open', async () => {
    const caseNumber = await filedCase();
    const data = await asked(caseNumber);
    await world.settled(caseNumber);
    expect(reminderCards(caseNumber)).toHaveLength(0);

    clock.advance(2 * DAY_MS + MINUTE_MS);
    await until(() => reminderCards(caseNumber).length > 0);
    await world.settled(caseNumber);
    clock.advance(2 * DAY_MS);
    await world.settled(caseNumber);
    expect(reminderCards(caseNumber)).toHaveLength(1);
    const reminder = reminderCards(caseNumber)[0]!;
    expect(reminder.json).toContain(QUESTION);
    expect(submitData(reminder)).toEqual(data);
    expect(questionCards()).toHaveLength(1);

    // The reminder's own button answers the same question.
    await answerWith(submitData(reminder)!, ANSWER);
    expect(textsTo().at(-1)).toBe(text('da', 'answer.sent', { caseNumber }));
  });

  it('sends no reminder for a question answered within the two days', async () => {
    const caseNumber = await filedCase();
    const data = await asked(caseNumber);
    await answerWith(data, ANSWER);
    await world.settled(caseNumber);

    clock.advance(2 * DAY_MS + MINUTE_MS);
    // The reminder's job is due now: settled waits until the worker has dealt with it.
    await world.settled(caseNumber);
    expect(await world.app.stores.jobs.forCase(caseNumber)).toEqual([]);
    expect(reminderCards(caseNumber)).toHaveLength(0);
    expect(cardsTo(world.connector, CHAT).filter((c) => c.json.includes(QUESTION))).toHaveLength(1);
  });
});
