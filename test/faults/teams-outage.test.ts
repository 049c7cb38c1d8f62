import { catalogues } from '../../texts';
import type { BotProcess } from '../support/bot-process';
import { filingAnswers } from '../support/filing-answers';
import {
  cardsPostedFor,
  problemsIn,
  startProcessWorld,
  type ProcessWorld,
} from '../support/process-world';
import { until } from '../support/until';

const da = catalogues.da;
const CASE_NUMBER = /UL-\d{4}-\d{5}/;

/**
 * Teams (here the connector stand-in) answers 503 for longer than the SDK's own retries last
 * (about 3.5–7 s), and the bot is killed and started again in the middle of the outage.
 */
describe('Teams unavailable for a while', () => {
  let world: ProcessWorld;
  beforeEach(async () => {
    world = await startProcessWorld();
  });
  afterEach(() => world.close());

  async function file(bot: BotProcess, conversation: string): Promise<string> {
    for (const answer of filingAnswers()) {
      expect(await world.say(bot, conversation, answer, 'staff-1')).toBe(200);
    }
    return CASE_NUMBER.exec(world.connector.textsTo(conversation).join(' '))![0];
  }

  it('posts the case card after a 10 s outage of the channel, across a restart during it', async () => {
    let bot = await world.start();
    expect(await world.channel(bot, 'registrer', 'approver-1')).toBe(200);
    world.connector.outage(
      (call) => call.method === 'POST' && call.path === '/v3/conversations',
      10_000,
    );
    const caseNumber = await file(bot, 'personal-staff-1');
    await until(() => world.connector.refused.length > 0, 10_000);
    await bot.kill('SIGKILL');
    bot = await world.start();
    await until(() => cardsPostedFor(world.connector, caseNumber).length > 0, 60_000).catch(
      (error: unknown) => {
        throw new Error(`${String(error)}\n${problemsIn(world.bots)}`);
      },
    );
    expect(cardsPostedFor(world.connector, caseNumber)).toHaveLength(1);
    expect(world.connector.refused.length).toBeGreaterThan(0);
    const logged = bot.logs.join('\n');
    expect(logged).not.toMatch(/010190-?1234/);
  }, 120_000);

  it('tells the requester the mail was sent after a 20 s outage of their chat, across a restart', async () => {
    let bot = await world.start();
    await world.channel(bot, 'registrer', 'approver-1');
    const conversation = 'personal-staff-1';
    const caseNumber = await file(bot, conversation);
    await until(() => cardsPostedFor(world.connector, caseNumber).length === 1);
    const toRequester = `/v3/conversations/${conversation}/activities`;
    world.connector.outage((call) => call.path.startsWith(toRequester), 20_000);
    const approved = await world.invoke(bot, 'case.approve', { caseNumber }, 'approver-2');
    expect(approved.statusCode).toBe(200);
    await until(() => world.smtp.messages.length === 1, 20_000);
    await until(() => world.connector.refused.some((call) => call.path.startsWith(toRequester)));
    // The failed notice is logged with its case, never as "turn failed case=-".
    await until(() =>
      bot.logs.some((line) => line.includes(caseNumber) && line.includes('tellRequester')),
    );
    await bot.kill('SIGKILL');
    bot = await world.start();
    const notices = () =>
      world.connector
        .textsTo(conversation)
        .filter((t) => t.startsWith(`Sag ${caseNumber}: Sikker mail`));
    await until(() => notices().length > 0, 90_000).catch((error: unknown) => {
      throw new Error(`${String(error)}\n${problemsIn(world.bots)}`);
    });
    expect(notices()).toHaveLength(1);
    expect(world.smtp.messages).toHaveLength(1);
    expect(world.connector.textsTo(conversation)).not.toContain(da['error.apology']);
  }, 180_000);
});
