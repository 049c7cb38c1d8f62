import path from 'node:path';
import Database from 'better-sqlite3';
import { MongoClient } from 'mongodb';
import type { StorageChoice } from '../../storage';
import type { BotProcess } from '../support/bot-process';
import { filingAnswers } from '../support/filing-answers';
import {
  cardsPostedFor,
  describeEachStore,
  problemsIn,
  startProcessWorld,
  type ProcessWorld,
} from '../support/process-world';
import { pendingJobs } from '../support/raw-storage';
import { until } from '../support/until';

const CASE_NUMBER = /UL-\d{4}-\d{5}/;
const CVR = '13748136';
const SENT = { cpr: '010190-1234', recipient: 'Åse Ørum' };
const DENIED = { cpr: '020285-4321', recipient: 'Bodil Kjærgaard' };
const REASON = 'Bodil Kjærgaard er ikke kontaktperson for barnet';
const WRONG_CPRS = ['010190-2001', '010190-2002'];

/** Every audit entry a store holds, read raw, one JSON text each. */
async function rawAuditEntries(where: StorageChoice): Promise<string[]> {
  if (where.mongodbUri) {
    const client = await MongoClient.connect(where.mongodbUri);
    try {
      const entries = await client.db(where.mongodbDatabase).collection('audit').find({}).toArray();
      return entries.map((entry) => JSON.stringify(entry));
    } finally {
      await client.close();
    }
  }
  const db = new Database(path.join(where.dataDir, 'unilogin-bot.sqlite'), { readonly: true });
  try {
    const rows = db.prepare('SELECT entry FROM audit ORDER BY id').all() as { entry: string }[];
    return rows.map((row) => row.entry);
  } finally {
    db.close();
  }
}

/** The personal data of the flow below, as it could appear in an entry. */
function personalDataIn(entry: string): string[] {
  const digits = entry.replace(/\D+/g, ' ');
  const cprs = [SENT.cpr, DENIED.cpr, ...WRONG_CPRS];
  return [
    ...cprs.filter((cpr) => entry.includes(cpr) || digits.includes(cpr.replace('-', ''))),
    ...cprs.map((cpr) => `${cpr.slice(0, 6)}-****`).filter((masked) => entry.includes(masked)),
    ...cprs.map((cpr) => cpr.slice(0, 6)).filter((birth) => digits.includes(birth)),
    ...[SENT.recipient, DENIED.recipient, 'Kjærgaard', 'Ørum'].filter((n) => entry.includes(n)),
    ...[REASON, 'kontaktperson for barnet'].filter((r) => entry.includes(r)),
  ];
}

/**
 * The append-only audit log is never purged, so it must hold no clear personal data of the
 * people cases are about: after a whole flow over HTTP (filing, approval and mail, a denial
 * with a reason, reads, forgotten-login tries) no entry holds a CPR, a masked CPR, a
 * recipient's name or a reason. CPRs appear only as their keyed hash.
 */
describeEachStore('the audit log after a whole flow', (mongodbUri) => {
  let world: ProcessWorld;
  let bot: BotProcess;
  beforeAll(async () => {
    world = await startProcessWorld(mongodbUri);
    bot = await world.start();
    expect(await world.channel(bot, 'registrer', 'approver-1')).toBe(200);
  }, 60_000);
  afterAll(() => world.close());

  const say = (user: string, message: string) => world.say(bot, `personal-${user}`, message, user);
  const textsTo = (user: string) => world.connector.textsTo(`personal-${user}`);
  const settled = (caseNumber: string) =>
    until(async () => (await pendingJobs(world.where, caseNumber)) === 0, 60_000).catch(
      (error: unknown) => {
        throw new Error(`${String(error)}\n${problemsIn(world.bots)}`);
      },
    );

  async function file(user: string, who: { cpr: string; recipient: string }): Promise<string> {
    for (const answer of filingAnswers(who.cpr, who.recipient)) await say(user, answer);
    const caseNumber = CASE_NUMBER.exec(textsTo(user).join(' '))![0];
    await until(() => cardsPostedFor(world.connector, caseNumber).length === 1);
    return caseNumber;
  }

  it('holds no CPR, masked CPR, recipient name or reason in any entry', async () => {
    const sent = await file('staff-a', SENT);
    await world.invoke(bot, 'case.approve', { caseNumber: sent }, 'approver-2');
    await world.invoke(bot, 'case.refresh', { caseNumber: sent }, 'approver-2');
    await settled(sent);

    const denied = await file('staff-b', DENIED);
    await world.invoke(bot, 'case.deny', { caseNumber: denied, reason: REASON }, 'approver-2');
    await settled(denied);
    await until(() => textsTo('staff-b').some((t) => t.includes(REASON)));

    await say('staff-a', `status ${sent}`);
    await say('staff-a', 'mine sager');
    for (const cpr of WRONG_CPRS) {
      for (const answer of ['glemt login', sent, cpr, CVR]) await say('staff-c', answer);
      await say('staff-c', 'annuller');
    }
    for (const answer of ['glemt login', sent, SENT.cpr, CVR, 'Bo Berg', 'begge', 'bekræft']) {
      await say('staff-c', answer);
    }

    const entries = await rawAuditEntries(world.where);
    const actions = new Set(entries.map((e) => (JSON.parse(e) as { action: string }).action));
    for (const action of ['case.filed', 'case.approved', 'case.mail_sent', 'case.denied']) {
      expect(actions).toContain(action);
    }
    expect(actions).toContain('forgottenLogin.mismatch');
    expect(actions).toContain('case.read');
    const found = entries
      .map((entry) => ({ entry, personal: personalDataIn(entry) }))
      .filter(({ personal }) => personal.length > 0);
    expect(found).toEqual([]);
  }, 180_000);
});
