import { text } from '../../texts';
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
const RIGHT_CPR = '010190-1234';
const OWN_CVR = '13748136';
const OTHER_CVR = '29403473';
/** A different wrong guess each try: the last four digits, as the attacker tried them. */
const wrongCpr = (n: number) => `010190-${String(2000 + n)}`;

const mismatch = text('da', 'problem.earlierCaseMismatch');
const lockText = text('da', 'forgotten.locked');
const tooMany = text('da', 'problem.tooManyAttempts');

/**
 * Staff of another institution guess the CPR of an earlier case over HTTP, against real bot
 * processes: the earlier case must lock after five wrong tries, whatever the dialogs, restarts
 * or the right CPR at the end, and must answer the same whether or not the case exists.
 */
describeEachStore('forgotten login against another institution over HTTP', (mongodbUri) => {
  let world: ProcessWorld;
  let bot: BotProcess;
  beforeAll(async () => {
    world = await startProcessWorld(mongodbUri);
    bot = await world.start();
    expect(await world.channel(bot, 'registrer', 'approver-1')).toBe(200);
  }, 60_000);
  afterAll(() => world.close());

  const textsTo = (user: string) => world.connector.textsTo(`personal-${user}`);
  const say = (user: string, message: string) => world.say(bot, `personal-${user}`, message, user);

  /** A new login filed by `owner` of OWN_CVR, approved, its credentials sent. */
  async function issuedCase(owner: string, cpr = RIGHT_CPR): Promise<string> {
    // One person per test: a second new login for one CPR would meet the duplicate guard.
    for (const answer of filingAnswers(cpr)) await say(owner, answer);
    const caseNumber = CASE_NUMBER.exec(textsTo(owner).join(' '))![0];
    await until(() => cardsPostedFor(world.connector, caseNumber).length === 1);
    const approved = await world.invoke(bot, 'case.approve', { caseNumber }, 'approver-2');
    expect(approved.statusCode).toBe(200);
    await until(async () => (await pendingJobs(world.where, caseNumber)) === 0, 60_000).catch(
      (error: unknown) => {
        throw new Error(`${String(error)}\n${problemsIn(world.bots)}`);
      },
    );
    return caseNumber;
  }

  /** One try: opens a dialog if none is open, answers number, CPR and CVR; the bot's answer. */
  async function tryOnce(user: string, earlier: string, cpr: string, cvr: string, open: boolean) {
    if (!open) await say(user, 'glemt login');
    await say(user, earlier);
    await say(user, cpr);
    const before = textsTo(user).length;
    await say(user, cvr);
    const answer = textsTo(user).slice(before);
    return { answer, open: answer[0] === mismatch && answer.length > 1 };
  }

  /** `tries` wrong CPRs, a new dialog whenever the last one ended. */
  async function attack(user: string, earlier: string, tries: number, first = 0) {
    const answers: string[][] = [];
    let open = false;
    let dialogs = 0;
    for (let n = first; n < first + tries; n++) {
      if (!open) dialogs++;
      const tried = await tryOnce(user, earlier, wrongCpr(n), OTHER_CVR, open);
      answers.push(tried.answer);
      open = tried.open;
    }
    return { answers, dialogs, open };
  }

  /** The alert cards posted in the support channel about an earlier case. */
  const alertsAbout = (caseNumber: string) =>
    cardsPostedFor(world.connector, caseNumber).filter(({ call }) =>
      JSON.stringify(call.body).includes(text('da', 'alert.title', { caseNumber })),
    );

  it('locks after the fifth wrong try, answers alike for an unknown number, and alerts support once', async () => {
    const earlier = await issuedCase('owner-1');
    const unknown = `${earlier.slice(0, -1)}${earlier.endsWith('9') ? '8' : '9'}`;
    const onCase = await attack('attacker-1', earlier, 10);
    const onNothing = await attack('attacker-2', unknown, 10);

    expect(onCase.dialogs).toBeGreaterThanOrEqual(4);
    expect(onCase.answers).toEqual(onNothing.answers);
    const [d1a, d1b, d1c, d2a, fifth, ...after] = onCase.answers;
    for (const answer of [d1a, d1b, d2a]) expect(answer?.[0]).toBe(mismatch);
    expect(d1c).toEqual([tooMany]);
    expect(fifth).toEqual([lockText]);
    for (const answer of after) expect(answer).toEqual([lockText]);

    // The right CPR after the lock: refused with the lock text, as for a number that does not exist.
    const right = await tryOnce('attacker-1', earlier, RIGHT_CPR, OTHER_CVR, false);
    const rightOnNothing = await tryOnce('attacker-2', unknown, RIGHT_CPR, OTHER_CVR, false);
    expect(right.answer).toEqual([lockText]);
    expect(rightOnNothing.answer).toEqual(right.answer);
    // Locked for everyone, the earlier case's own institution too.
    expect((await tryOnce('owner-1', earlier, RIGHT_CPR, OWN_CVR, false)).answer).toEqual([
      lockText,
    ]);

    await until(() => alertsAbout(earlier).length > 0, 30_000);
    // Every try is answered, so any second alert is a job already queued on the case: once
    // none is left, no further alert can come.
    await until(async () => (await pendingJobs(world.where, earlier)) === 0, 30_000);
    expect(alertsAbout(earlier)).toHaveLength(1);
    const alert = JSON.stringify(alertsAbout(earlier)[0]!.call.body);
    expect(alert).toContain('attacker-1');
    for (let n = 0; n < 10; n++) expect(alert).not.toContain(String(2000 + n));
    expect(alert).not.toContain('1234');
    expect(alertsAbout(unknown)).toHaveLength(0);
    expect(textsTo('attacker-1').join('\n')).not.toMatch(/filed|oprettet som sag/i);
  }, 180_000);

  it('keeps the count of wrong tries over a restart of the bot process', async () => {
    const earlier = await issuedCase('owner-2', '030392-5678');
    const before = await attack('attacker-3', earlier, 3);
    expect(before.answers.at(-1)).toEqual([tooMany]);
    await bot.kill('SIGKILL');
    bot = await world.start();
    const after = await attack('attacker-3', earlier, 2, 3);
    expect(after.answers[0]?.[0]).toBe(mismatch);
    expect(after.answers[1]).toEqual([lockText]);
    await until(() => alertsAbout(earlier).length === 1, 30_000);
  }, 180_000);

  it('files for staff of the same institution with the right CPR and refuses another institution alike', async () => {
    const cpr = '020291-4321';
    const earlier = await issuedCase('owner-3', cpr);
    const foreign = await tryOnce('foreign-1', earlier, cpr, OTHER_CVR, false);
    expect(foreign.answer[0]).toBe(mismatch);
    const wrong = await tryOnce('foreign-2', earlier, wrongCpr(1), OTHER_CVR, false);
    expect(wrong.answer).toEqual(foreign.answer);

    const own = await tryOnce('colleague-3', earlier, cpr, OWN_CVR, false);
    expect(own.answer).toEqual([text('da', 'ask.recipient')]);
    for (const answer of ['Bo Berg', 'begge', 'bekræft']) await say('colleague-3', answer);
    const filed = CASE_NUMBER.exec(textsTo('colleague-3').slice(-3).join(' '))?.[0];
    expect(filed).toBeDefined();
    expect(filed).not.toBe(earlier);
    await until(() => cardsPostedFor(world.connector, filed!).length === 1);
    const card = JSON.stringify(cardsPostedFor(world.connector, filed!)[0]!.call.body);
    expect(card).toContain(`Solsikkens Skole (fiktiv) (${OWN_CVR})`);
    expect(card).not.toContain(text('da', 'approval.earlierInstitutionDiffers'));
  }, 180_000);
});
