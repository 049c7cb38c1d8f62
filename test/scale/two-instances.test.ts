import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { MongoClient } from 'mongodb';
import { catalogues } from '../../texts';
import { cardInvoke, channelMessage } from '../support/approval-world';
import { personalMessage, post } from '../support/activities';
import { startBotProcess, type BotProcess } from '../support/bot-process';
import { ConnectorStandIn } from '../support/connector-stand-in';
import { startSmtpServer, type SmtpTestServer } from '../support/smtp-test-server';
import { until } from '../support/until';
import { filingAnswers } from '../support/filing-answers';
import { pendingJobs } from '../support/raw-storage';
import type { StorageChoice } from '../../storage';

const da = catalogues.da;
const mongodbUri = process.env.MONGODB_URI;
if (!mongodbUri && process.env.CI === 'true') {
  throw new Error('CI=true but MONGODB_URI is not set: the two-instance suite must run in CI');
}
if (!mongodbUri) console.warn('Two-instance suite skipped: MONGODB_URI is not set');
const describeWithMongo = mongodbUri ? describe : describe.skip;

describeWithMongo('two bot processes on one MongoDB [mongodb]', () => {
  const connector = new ConnectorStandIn();
  let serviceUrl: string;
  let smtp: SmtpTestServer;
  let env: Record<string, string>;
  let databaseName: string;
  let where: StorageChoice;
  let bots: BotProcess[] = [];

  beforeAll(async () => {
    serviceUrl = await connector.start();
    smtp = await startSmtpServer({ starttls: true });
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'unilogin-two-'));
    const caFile = path.join(dataDir, 'smtp-ca.pem');
    fs.writeFileSync(caFile, smtp.ca);
    databaseName = `two_${randomBytes(5).toString('hex')}`;
    const uri = new URL(mongodbUri!);
    uri.pathname = `/${databaseName}`;
    where = { dataDir, mongodbUri: uri.toString() };
    env = {
      MONGODB_URI: uri.toString(),
      DATA_DIR: dataDir,
      // Both instances must read each other's CPRs: the same keys, as in production.
      DATA_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
      LOOKUP_HMAC_KEY: randomBytes(32).toString('base64'),
      APPROVER_IDS: 'approver-1,approver-2,approver-3',
      INSTITUTIONS_FILE: path.resolve(__dirname, '../../institutions.example.json'),
      SMTP_URL: smtp.url,
      MAIL_FROM: 'unilogin@stil.example',
      SMTP_CA_FILE: caFile,
      JOB_POLL_MS: '200',
      JOB_LEASE_MS: '3000',
    };
  });

  afterEach(async () => {
    await Promise.all(bots.map((bot) => bot.kill('SIGTERM')));
    bots = [];
  });

  afterAll(async () => {
    await connector.stop();
    await smtp.stop();
    const client = await MongoClient.connect(mongodbUri!);
    await client.db(databaseName).dropDatabase();
    await client.close();
  });

  const say = (bot: BotProcess, conversation: string, text: string) =>
    post(
      bot.port,
      personalMessage(serviceUrl, conversation, text, { userId: `user-${conversation}` }),
    );
  const lastText = (conversation: string) => connector.textsTo(conversation).at(-1) ?? '';

  async function fileAcross(
    one: BotProcess,
    two: BotProcess,
    conversation: string,
  ): Promise<string> {
    for (const [i, answer] of filingAnswers().entries())
      await say(i % 2 ? two : one, conversation, answer);
    return /UL-\d{4}-\d{5}/.exec(connector.textsTo(conversation).join(' '))![0];
  }

  it('continues a dialog begun on one instance on the other, and answers status across them', async () => {
    bots = [await startBotProcess(env), await startBotProcess(env)];
    const [one, two] = bots as [BotProcess, BotProcess];
    await say(one, 'c-dialog', 'ny unilogin');
    await say(two, 'c-dialog', 'ja');
    expect(lastText('c-dialog')).toBe(da['eligibility.registered']);
    await say(one, 'c-dialog', 'ja');
    await say(two, 'c-dialog', 'ja');
    expect(lastText('c-dialog')).toBe(da['ask.cpr']);
    await say(one, 'c-dialog', 'annuller');

    const caseNumber = await fileAcross(one, two, 'c-status');
    await say(one, 'c-status', `status ${caseNumber}`);
    expect(JSON.stringify(connector.messagesTo('c-status').at(-1))).toContain(da['state.filed']);
  });

  it('approves once and mails once for 20 parallel clicks spread over both instances', async () => {
    bots = [await startBotProcess(env), await startBotProcess(env)];
    const [one, two] = bots as [BotProcess, BotProcess];
    await post(one.port, channelMessage(serviceUrl, 'registrer', 'approver-1'));
    const caseNumber = await fileAcross(one, two, 'c-race');
    const before = smtp.messages.length;
    const statuses = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        post(
          (i % 2 ? two : one).port,
          cardInvoke(serviceUrl, 'case.approve', { caseNumber }, `approver-${(i % 3) + 1}`),
        ),
      ),
    );
    expect(statuses.every((s) => s === 200)).toBe(true);
    await until(() => smtp.messages.length === before + 1, 20000).catch((e) => {
      console.log(
        one.logs
          .concat(two.logs)
          .filter((l) => /warn|error|"level":[45]/i.test(l))
          .join('\n')
          .slice(0, 3000),
      );
      throw e;
    });
    await until(async () => (await pendingJobs(where, caseNumber)) === 0, 20000);
    expect(smtp.messages.filter((m) => m.raw.includes(caseNumber))).toHaveLength(1);
    const client = await MongoClient.connect(env.MONGODB_URI!);
    const audit = await client
      .db()
      .collection('audit')
      .find({ caseNumber, action: 'case.approved' })
      .toArray();
    await client.close();
    expect(audit).toHaveLength(1);
  });

  it('sends exactly one mail after an instance is killed (SIGKILL) between approval and send', async () => {
    const approving = await startBotProcess({ ...env, JOB_WORKER: 'false' });
    bots = [approving];
    await post(approving.port, channelMessage(serviceUrl, 'registrer', 'approver-1'));
    const caseNumber = await fileAcross(approving, approving, 'c-kill');
    expect(
      await post(
        approving.port,
        cardInvoke(serviceUrl, 'case.approve', { caseNumber }, 'approver-2'),
      ),
    ).toBe(200);
    await approving.kill('SIGKILL');
    expect(smtp.messages.filter((m) => m.raw.includes(caseNumber))).toHaveLength(0);

    bots = [await startBotProcess(env), await startBotProcess(env)];
    await until(() => smtp.messages.some((m) => m.raw.includes(caseNumber)), 20000);
    await until(async () => (await pendingJobs(where, caseNumber)) === 0, 20000);
    expect(smtp.messages.filter((m) => m.raw.includes(caseNumber))).toHaveLength(1);
    await until(() =>
      connector.textsTo('c-kill').some((t) => t.startsWith(`Sag ${caseNumber}: Sikker mail`)),
    );
  });
});
