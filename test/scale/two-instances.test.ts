import { MongoClient } from 'mongodb';
import { catalogues } from '../../texts';
import type { BotProcess } from '../support/bot-process';
import { filingAnswers } from '../support/filing-answers';
import { problemsIn, startProcessWorld, type ProcessWorld } from '../support/process-world';
import { pendingJobs } from '../support/raw-storage';
import { until } from '../support/until';

const da = catalogues.da;
const mongodbUri = process.env.MONGODB_URI;
if (!mongodbUri && process.env.CI === 'true') {
  throw new Error('CI=true but MONGODB_URI is not set: the two-instance suite must run in CI');
}
if (!mongodbUri) console.warn('Two-instance suite skipped: MONGODB_URI is not set');
const describeWithMongo = mongodbUri ? describe : describe.skip;

describeWithMongo('two bot processes on one MongoDB [mongodb]', () => {
  let world: ProcessWorld;
  beforeEach(async () => {
    world = await startProcessWorld(mongodbUri);
  });
  afterEach(() => world.close());

  const lastText = (conversation: string) => world.connector.textsTo(conversation).at(-1) ?? '';
  const mailsOf = (caseNumber: string) =>
    world.smtp.messages.filter((m) => m.raw.includes(caseNumber));

  async function fileAcross(
    one: BotProcess,
    two: BotProcess,
    conversation: string,
  ): Promise<string> {
    for (const [i, answer] of filingAnswers().entries())
      await world.say(i % 2 ? two : one, conversation, answer);
    return /UL-\d{4}-\d{5}/.exec(world.connector.textsTo(conversation).join(' '))![0];
  }

  it('continues a dialog begun on one instance on the other, and answers status across them', async () => {
    const [one, two] = [await world.start(), await world.start()];
    await world.say(one, 'c-dialog', 'ny unilogin');
    await world.say(two, 'c-dialog', 'ja');
    expect(lastText('c-dialog')).toBe(da['eligibility.registered']);
    await world.say(one, 'c-dialog', 'ja');
    await world.say(two, 'c-dialog', 'ja');
    expect(lastText('c-dialog')).toBe(da['ask.cpr']);
    await world.say(one, 'c-dialog', 'annuller');

    const caseNumber = await fileAcross(one, two, 'c-status');
    await world.say(one, 'c-status', `status ${caseNumber}`);
    expect(JSON.stringify(world.connector.messagesTo('c-status').at(-1))).toContain(
      da['state.filed'],
    );
  });

  it('approves once and mails once for 20 parallel clicks spread over both instances', async () => {
    const [one, two] = [await world.start(), await world.start()];
    await world.channel(one, 'registrer', 'approver-1');
    const caseNumber = await fileAcross(one, two, 'c-race');
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        world.invoke(i % 2 ? two : one, 'case.approve', { caseNumber }, `approver-${(i % 3) + 1}`),
      ),
    );
    expect(answers.every((a) => a.statusCode === 200)).toBe(true);
    await until(async () => (await pendingJobs(world.where, caseNumber)) === 0, 20000).catch(
      (error: unknown) => {
        throw new Error(`${String(error)}\n${problemsIn(world.bots)}`);
      },
    );
    expect(mailsOf(caseNumber)).toHaveLength(1);
    const client = await MongoClient.connect(world.where.mongodbUri!);
    const audit = await client
      .db()
      .collection('audit')
      .find({ caseNumber, action: 'case.approved' })
      .toArray();
    await client.close();
    expect(audit).toHaveLength(1);
  });

  it('sends exactly one mail after an instance is killed (SIGKILL) between approval and send', async () => {
    const approving = await world.start({ JOB_WORKER: 'false' });
    await world.channel(approving, 'registrer', 'approver-1');
    const caseNumber = await fileAcross(approving, approving, 'c-kill');
    const approved = await world.invoke(approving, 'case.approve', { caseNumber }, 'approver-2');
    expect(approved.statusCode).toBe(200);
    await approving.kill('SIGKILL');
    expect(mailsOf(caseNumber)).toHaveLength(0);

    await world.start();
    await world.start();
    await until(async () => (await pendingJobs(world.where, caseNumber)) === 0, 20000);
    expect(mailsOf(caseNumber)).toHaveLength(1);
    expect(
      world.connector
        .textsTo('c-kill')
        .filter((t) => t.startsWith(`Sag ${caseNumber}: Sikker mail`)),
    ).toHaveLength(1);
  });
});
