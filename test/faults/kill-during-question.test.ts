import { catalogues } from '../../texts';
import { personalMessage, post } from '../support/activities';
import { filingAnswers } from '../support/filing-answers';
import {
  cardsPostedFor,
  describeEachStore,
  startProcessWorld,
  type ProcessWorld,
} from '../support/process-world';
import { until } from '../support/until';
import type { BotProcess } from '../support/bot-process';

const da = catalogues.da;
const CASE_NUMBER = /UL-\d{4}-\d{5}/;

/**
 * The bot process is killed (SIGKILL) right after an approver asks a question, or right after
 * the staff member answers it; another process takes over. The question and the answer are
 * kept, and each message that follows them arrives, a second time only when the killed
 * process may have sent it before it died.
 */
describeEachStore('kill -9 during the question loop', (mongodbUri) => {
  let world: ProcessWorld;
  beforeEach(async () => {
    world = await startProcessWorld(mongodbUri);
  });
  afterEach(() => world.close());

  const user = 'staff-q';
  const conversation = `personal-${user}`;
  /** The calls that match, with when they arrived. */
  const callsWith = (needle: string) =>
    world.connector.calls
      .map((call, index) => ({ call, at: world.connector.receivedAt[index]! }))
      .filter(({ call }) => JSON.stringify(call.body).includes(needle));
  const questionCards = (caseNumber: string) =>
    callsWith(da['question.title'].replace('{caseNumber}', caseNumber));

  async function filedCase(): Promise<{ bot: BotProcess; caseNumber: string }> {
    const bot = await world.start();
    await world.channel(bot, 'registrer', 'approver-1');
    for (const answer of filingAnswers()) await world.say(bot, conversation, answer, user);
    const caseNumber = CASE_NUMBER.exec(world.connector.textsTo(conversation).join(' '))![0];
    await until(() => cardsPostedFor(world.connector, caseNumber).length === 1);
    return { bot, caseNumber };
  }

  /** At most one more than what reached Teams before the kill, and at least one. */
  function sentOnceOrResent(found: { at: number }[], killedAt: number): void {
    const before = found.filter(({ at }) => at < killedAt).length;
    expect(found.length).toBeGreaterThanOrEqual(1);
    expect(found.length).toBeLessThanOrEqual(Math.max(1, before + 1));
  }

  it('keeps the question and delivers its card when killed right after the ask', async () => {
    const { bot, caseNumber } = await filedCase();
    const asked = await world.invoke(
      bot,
      'case.ask',
      { caseNumber, question: 'Hvem er modtageren?' },
      'approver-2',
    );
    expect(asked.statusCode).toBe(200);
    await bot.kill('SIGKILL');
    const killedAt = performance.now();
    await world.start();
    await until(() => questionCards(caseNumber).length > 0, 60_000);
    sentOnceOrResent(questionCards(caseNumber), killedAt);
    const again = await world.invoke(
      world.bots[0]!,
      'case.ask',
      { caseNumber, question: 'Et spørgsmål til?' },
      'approver-3',
    );
    expect(JSON.stringify(again.value)).toContain('Der er allerede stillet et spørgsmål');
  }, 120_000);

  it('keeps the answer and replies in the thread when killed right after the answer', async () => {
    const { bot, caseNumber } = await filedCase();
    await world.invoke(
      bot,
      'case.ask',
      { caseNumber, question: 'Hvem er modtageren?' },
      'approver-2',
    );
    await until(() => questionCards(caseNumber).length === 1, 60_000);
    const questionAt = (JSON.stringify(questionCards(caseNumber)[0]!.call.body).match(
      /"questionAt":"([^"]+)"/,
    ) ?? [])[1]!;
    const value = { action: 'case.answer', caseNumber, questionAt, answer: 'Karen er moster' };
    expect(
      await post(
        bot.port,
        personalMessage(world.serviceUrl, conversation, { value }, { userId: user }),
      ),
    ).toBe(200);
    expect(world.connector.textsTo(conversation).at(-1)).toContain(`sag ${caseNumber} er sendt`);
    await bot.kill('SIGKILL');
    const killedAt = performance.now();
    const next = await world.start();
    const replies = () => callsWith('Karen er moster').filter(({ call }) => call.method === 'POST');
    await until(() => replies().length > 0, 60_000);
    sentOnceOrResent(replies(), killedAt);
    // The answer was kept: a second press of the same card is told it was answered.
    await post(
      next.port,
      personalMessage(world.serviceUrl, conversation, { value }, { userId: user }),
    );
    expect(world.connector.textsTo(conversation).at(-1)).toContain('allerede besvaret');
  }, 120_000);
});
