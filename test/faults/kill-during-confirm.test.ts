import { setTimeout as sleep } from 'node:timers/promises';
import { filingAnswers } from '../support/filing-answers';
import {
  cardsPostedFor,
  describeEachStore,
  problemsIn,
  startProcessWorld,
  type ProcessWorld,
} from '../support/process-world';
import { pendingJobs, storedCasesOf } from '../support/raw-storage';
import { until } from '../support/until';

const CASE_NUMBER = /UL-\d{4}-\d{5}/;
const confirm = filingAnswers().at(-1)!;
/** A new login for a person of its own (one CPR twice would meet the duplicate guard). */
const answersUpToConfirm = () => filingAnswers().slice(0, -1);

/**
 * The bot process is killed (SIGKILL) at a moment of the confirm turn, then started again;
 * the staff member confirms again if they never saw the case number. One confirmation must
 * give one case, and every stored case exactly one card in the support channel.
 */
describeEachStore('kill -9 during the confirm turn', (mongodbUri) => {
  let world: ProcessWorld;
  beforeAll(async () => {
    world = await startProcessWorld(mongodbUri);
  });
  afterAll(() => world.close());

  for (const delayMs of [10, 30, 60, 100, 200]) {
    it(`files one case with one card when killed ${delayMs} ms after the confirm`, async () => {
      const user = `staff-kill-${delayMs}`;
      const conversation = `personal-${user}`;
      let bot = await world.start();
      expect(await world.channel(bot, 'registrer', 'approver-1')).toBe(200);
      for (const answer of answersUpToConfirm()) await world.say(bot, conversation, answer, user);

      const confirming = world.say(bot, conversation, confirm, user).catch(() => 0);
      await sleep(delayMs); // the fault's moment, not a wait for an event
      await bot.kill('SIGKILL');
      await confirming;
      // Every request the killed process sent has arrived once its connections are closed.
      await until(() => world.connector.openConnections() === 0);
      const restartedAt = performance.now();

      bot = await world.start();
      const filedMessage = () => CASE_NUMBER.exec(world.connector.textsTo(conversation).join(' '));
      if (!filedMessage()) expect(await world.say(bot, conversation, confirm, user)).toBe(200);
      const caseNumber = filedMessage()?.[0];
      expect(caseNumber).toBeDefined();

      await until(async () => (await pendingJobs(world.where, caseNumber!)) === 0, 60_000).catch(
        (error: unknown) => {
          throw new Error(`${String(error)}\n${problemsIn(world.bots)}`);
        },
      );
      const stored = await storedCasesOf(world.where, user);
      expect(stored.map((c) => c.caseNumber)).toEqual([caseNumber]);
      const cards = cardsPostedFor(world.connector, caseNumber!);
      if (cards.length === 2) {
        // Teams has no idempotency key. A process killed after it sent the card and before it
        // kept the thread (its answer lost with it) leaves a card its successor posts again:
        // the first card from the killed process, the second, the one kept, from the new one.
        // Only that may give a second card.
        expect(world.connector.receivedAt[cards[0]!.index]!).toBeLessThan(restartedAt);
        expect(world.connector.receivedAt[cards[1]!.index]!).toBeGreaterThan(restartedAt);
        expect(stored[0]!.threadActivityId).toBe(cards[1]!.call.answer?.activityId);
      } else {
        expect(cards).toHaveLength(1);
      }
      await bot.kill('SIGTERM');
    }, 120_000);
  }

  it('posts the card once more when killed after Teams received it and before the answer came', async () => {
    const user = 'staff-kill-unanswered';
    const conversation = `personal-${user}`;
    let bot = await world.start();
    await world.channel(bot, 'registrer', 'approver-1');
    const isCardPost = (call: { method: string; path: string }) =>
      call.method === 'POST' && call.path === '/v3/conversations';
    const release = world.connector.holdAnswers(isCardPost);
    for (const answer of [...answersUpToConfirm(), confirm])
      await world.say(bot, conversation, answer, user);
    const caseNumber = CASE_NUMBER.exec(world.connector.textsTo(conversation).join(' '))![0];
    await until(() => cardsPostedFor(world.connector, caseNumber).length === 1);
    await bot.kill('SIGKILL');
    release();

    bot = await world.start();
    await until(async () => (await pendingJobs(world.where, caseNumber)) === 0, 60_000);
    const cards = cardsPostedFor(world.connector, caseNumber);
    expect(cards).toHaveLength(2);
    const [stored] = await storedCasesOf(world.where, user);
    expect(stored!.threadActivityId).toBe(cards[1]!.call.answer?.activityId);
    await bot.kill('SIGTERM');
  }, 120_000);
});
