import { filingAnswers } from '../support/filing-answers';
import { describeEachStore, startProcessWorld, type ProcessWorld } from '../support/process-world';
import { rawStoredData } from '../support/raw-storage';
import { until } from '../support/until';
import { text } from '../../texts';

const CASE_NUMBER = /UL-\d{4}-\d{5}/;
/** Not the subject's CPR: one an approver might paste into a reason by mistake. */
const PASTED = ['311299-4321', '3112994321', '311299 - 4321'];
const digitsOf = (cpr: string) => cpr.replace(/\D/g, '');

/**
 * A CPR typed into a free text (here a denial reason) would be stored in the case, written to
 * the append-only audit, sent to the requester and shown on the channel card. It is refused
 * before any of that, with a message that says why.
 */
describeEachStore('a CPR in a denial reason', (mongodbUri) => {
  let world: ProcessWorld;
  beforeAll(async () => {
    world = await startProcessWorld(mongodbUri);
  });
  afterAll(() => world.close());

  it('is refused with a message, and is nowhere: store (and WAL), log, audit, chat or card', async () => {
    const bot = await world.start();
    expect(await world.channel(bot, 'registrer', 'approver-1')).toBe(200);
    const user = 'staff-free-text';
    const conversation = `personal-${user}`;
    for (const answer of filingAnswers()) await world.say(bot, conversation, answer, user);
    const caseNumber = CASE_NUMBER.exec(world.connector.textsTo(conversation).join(' '))?.[0];
    expect(caseNumber).toBeDefined();

    for (const cpr of PASTED) {
      const reason = `Borgeren har CPR ${cpr} og er ikke kontaktperson`;
      const answer = await world.invoke(bot, 'case.deny', { caseNumber, reason }, 'approver-1');
      expect(JSON.stringify(answer)).toContain(text('da', 'approval.notice.reasonHasCpr'));
    }
    const deniedBefore = text('da', 'requester.denied', { caseNumber: caseNumber!, reason: '' });
    expect(world.connector.textsTo(conversation).join('\n')).not.toContain(deniedBefore);

    // A clean reason still denies: the refusal was about the CPR, not the denial.
    const clean = { caseNumber, reason: 'Borgeren er ikke kontaktperson' };
    await world.invoke(bot, 'case.deny', clean, 'approver-1');
    await until(() => world.connector.textsTo(conversation).some((t) => t.includes(clean.reason)));

    const everywhere = [
      await rawStoredData(world.where),
      bot.logs.join('\n'),
      JSON.stringify(world.connector.calls),
    ].join('\n');
    for (const cpr of PASTED) {
      expect(everywhere).not.toContain(cpr);
      expect(everywhere.replace(/\D+/g, ' ')).not.toContain(digitsOf(cpr));
    }
    await bot.kill('SIGTERM');
  }, 120_000);
});
