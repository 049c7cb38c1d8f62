import { filingAnswers } from '../support/filing-answers';
import { describeEachStore, startProcessWorld, type ProcessWorld } from '../support/process-world';
import { rawStoredData } from '../support/raw-storage';
import { text } from '../../texts';

const CASE_NUMBERS = /UL-\d{4}-\d{5}/g;

/** One staff member may file FILINGS_PER_HOUR cases an hour; the next is held, not lost. */
describeEachStore('the filing rate limit', (mongodbUri) => {
  let world: ProcessWorld;
  beforeAll(async () => {
    world = await startProcessWorld(mongodbUri);
  });
  afterAll(() => world.close());

  it('holds the filing over the limit, keeps its summary, and audits the refusal', async () => {
    const bot = await world.start({ FILINGS_PER_HOUR: '2' });
    expect(await world.channel(bot, 'registrer', 'approver-1')).toBe(200);
    const user = 'staff-busy';
    const conversation = `personal-${user}`;
    const filedTexts = () =>
      world.connector.textsTo(conversation).filter((t) => t.startsWith('Sagen er oprettet'));
    for (let i = 0; i < 2; i++) {
      for (const answer of filingAnswers()) await world.say(bot, conversation, answer, user);
    }
    expect(filedTexts()).toHaveLength(2);

    for (const answer of filingAnswers()) await world.say(bot, conversation, answer, user);
    const held = text('da', 'filing.rateLimited', { perHour: 2 });
    expect(world.connector.textsTo(conversation).at(-1)).toBe(held);
    expect(filedTexts()).toHaveLength(2);

    // The summary is still open: "bekræft" is answered with the same hold, not "not understood".
    await world.say(bot, conversation, 'bekræft', user);
    expect(world.connector.textsTo(conversation).at(-1)).toBe(held);

    const stored = await rawStoredData(world.where);
    expect(stored).toContain('case.file.refused');
    const filed = new Set(filedTexts().join(' ').match(CASE_NUMBERS));
    expect(filed.size).toBe(2);
    await bot.kill('SIGTERM');
  }, 120_000);
});
