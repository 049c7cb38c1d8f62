import { filingAnswers } from '../support/filing-answers';
import {
  cardsPostedFor,
  describeEachStore,
  problemsIn,
  startProcessWorld,
  type ProcessWorld,
} from '../support/process-world';
import { pendingJobs } from '../support/raw-storage';
import { parseMail } from '../support/smtp-test-server';
import { until } from '../support/until';

const CASE_NUMBER = /UL-\d{4}-\d{5}/;

/**
 * The bot process is killed (SIGKILL) right after an approval, or while it is talking to the
 * mail server about the case's secure mail; another process takes over. Exactly one mail must
 * reach the institution, and the requester be told once.
 */
describeEachStore('kill -9 between approval and the secure mail', (mongodbUri) => {
  let world: ProcessWorld;
  beforeEach(async () => {
    world = await startProcessWorld(mongodbUri);
  });
  afterEach(() => world.close());

  async function approvedCase(conversation: string, user: string) {
    const bot = await world.start();
    await world.channel(bot, 'registrer', 'approver-1');
    for (const answer of filingAnswers()) await world.say(bot, conversation, answer, user);
    const caseNumber = CASE_NUMBER.exec(world.connector.textsTo(conversation).join(' '))![0];
    await until(() => cardsPostedFor(world.connector, caseNumber).length === 1);
    return { bot, caseNumber };
  }

  const notices = (conversation: string, caseNumber: string) =>
    world.connector
      .textsTo(conversation)
      .filter((t) => t.startsWith(`Sag ${caseNumber}: Sikker mail`));

  async function afterTakeover(conversation: string, caseNumber: string) {
    await world.start();
    await until(async () => (await pendingJobs(world.where, caseNumber)) === 0, 60_000).catch(
      (error: unknown) => {
        throw new Error(`${String(error)}\n${problemsIn(world.bots)}`);
      },
    );
    const mails = world.smtp.messages.filter((m) => m.raw.includes(caseNumber));
    expect(mails).toHaveLength(1);
    expect(notices(conversation, caseNumber)).toHaveLength(1);
    return parseMail(mails[0]!.raw);
  }

  it('sends one mail and one notice when killed right after the approval', async () => {
    const { bot, caseNumber } = await approvedCase('personal-a', 'staff-a');
    const approved = await world.invoke(bot, 'case.approve', { caseNumber }, 'approver-2');
    expect(approved.statusCode).toBe(200);
    await bot.kill('SIGKILL');
    const mail = await afterTakeover('personal-a', caseNumber);
    expect(mail.text).toMatch(/Adgangskode: \S+/);
  }, 120_000);

  it('sends one mail and one notice when killed while talking to the mail server', async () => {
    const { bot, caseNumber } = await approvedCase('personal-b', 'staff-b');
    const held = world.smtp.holdNext();
    await world.invoke(bot, 'case.approve', { caseNumber }, 'approver-2');
    await held.reached; // the bot is mid-send: connected, TLS up, the recipient named
    await bot.kill('SIGKILL');
    held.release();
    const mail = await afterTakeover('personal-b', caseNumber);
    // The attempt that died may have reached the server, so the mail says it replaces it.
    expect(mail.text).toContain('erstatter en tidligere mail');
  }, 120_000);
});
