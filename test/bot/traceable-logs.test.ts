import type { CaseNumber } from '../../cases/case-number';
import { personalMessage, post } from '../support/activities';
import { startApprovalWorld, type ApprovalWorld } from '../support/approval-world';
import { freshCpr } from '../support/filing-answers';
import { cardsTo, submitData } from '../support/issue13-world';
import { parseMail } from '../support/smtp-test-server';
import { describeEachBackend } from '../support/storage-backends';
import { until } from '../support/until';

const REQUESTER = 'staff-1';
const CHAT = `personal-${REQUESTER}`;
const RECIPIENT = 'Åse Ørum-Jæger';
const QUESTION = 'Hvem er klasselærer for barnet i 4.C?';
const ANSWER = 'Klasselæreren hedder Lone Krogh-Vestergaard.';

/** One pino line. */
interface LogLine {
  level: number;
  msg: string;
  route?: string;
  caseNumber?: string;
  jobId?: string;
  durationMs?: number;
}

/** Lines of the bot itself, not of a turn or a job: they carry no route. */
const PROCESS_LINES = [/^bot listening$/];

describeEachBackend('traceable logs', (backend) => {
  let world: ApprovalWorld;
  beforeEach(async () => {
    world = await startApprovalWorld(backend.fresh());
  });
  afterEach(() => world.close());

  /** Files, asks, answers during a Teams outage, approves; the case number and the CPR. */
  async function theWholeLoop(): Promise<{ caseNumber: CaseNumber; cpr: string }> {
    await world.channel('registrer', 'approver-1');
    const cpr = freshCpr();
    const caseNumber = await world.file(REQUESTER, cpr);
    await world.settled(caseNumber);
    expect(
      (await world.invoke('case.ask', { caseNumber, question: QUESTION }, 'approver-2')).status,
    ).toBe(200);
    await until(() => cardsTo(world.connector, CHAT).some((c) => c.json.includes(QUESTION)));
    const card = cardsTo(world.connector, CHAT)
      .filter((c) => c.json.includes(QUESTION))
      .at(-1)!;
    const data = submitData(card, (d) => d.action === 'case.answer')!;
    // Teams refuses every message to the requester's chat for a while: the answer's reply fails.
    world.connector.outage((call) => call.path.startsWith(`/v3/conversations/${CHAT}/`), 1500, 403);
    await post(
      world.app.port,
      personalMessage(
        world.serviceUrl,
        CHAT,
        { value: { ...data, answer: ANSWER } },
        {
          userId: REQUESTER,
        },
      ),
    );
    await until(
      async () =>
        (await world.app.stores.cases.get(caseNumber))?.state === 'filed' &&
        (await world.app.stores.cases.get(caseNumber))!.questions!.at(-1)!.answer !== undefined,
    );
    expect((await world.invoke('case.approve', { caseNumber }, 'approver-2')).status).toBe(200);
    await until(() => world.smtp.messages.length === 1);
    await world.settled(caseNumber, 30_000);
    return { caseNumber, cpr };
  }

  it('names the route, case, job and duration on every line, and no CPR, password or free text', async () => {
    const { caseNumber, cpr } = await theWholeLoop();
    const raw = world.app.logs.join('');
    const lines = world.app.logs.map((line) => JSON.parse(line) as LogLine);
    const ofTurnsAndJobs = lines.filter((l) => !PROCESS_LINES.some((re) => re.test(l.msg)));
    for (const line of ofTurnsAndJobs) expect(line).toHaveProperty('route');

    // One closing line per turn, with its duration; the case once the turn knows it.
    const turnsDone = lines.filter((l) => l.msg === 'turn done');
    for (const line of turnsDone) expect(line.durationMs).toEqual(expect.any(Number));
    const routes = new Set(turnsDone.map((l) => l.route));
    expect([...routes]).toEqual(
      expect.arrayContaining(['channelMention', 'personalMessage', 'approvalInvoke']),
    );
    for (const line of turnsDone.filter((l) => l.route === 'approvalInvoke'))
      expect(line.caseNumber).toBe(caseNumber);
    expect(lines.find((l) => l.msg === 'case filed')).toMatchObject({
      route: 'personalMessage',
      caseNumber,
    });
    // The turn whose reply Teams refused: one error line naming the route, the case and why.
    const failed = lines.filter((l) => l.msg.startsWith('turn failed'));
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({ level: 50, route: 'cardSubmit', caseNumber });
    expect(failed[0]!.durationMs).toEqual(expect.any(Number));
    expect(failed[0]!.msg).toContain(`cardSubmit of case ${caseNumber}`);

    // Every job line: its route, job id, case and duration.
    const jobLines = lines.filter((l) => l.route?.startsWith('job.'));
    expect(jobLines.map((l) => l.route)).toEqual(
      expect.arrayContaining(['job.postCard', 'job.sendMail', 'job.tellRequester']),
    );
    for (const line of jobLines) {
      expect(line.jobId).toEqual(expect.any(String));
      expect(line.caseNumber).toBe(caseNumber);
      expect(line.durationMs).toEqual(expect.any(Number));
    }
    for (const line of jobLines.filter((l) => l.level >= 40))
      expect(line.msg).toContain(`of case ${caseNumber}`);

    // Nothing that names the person or their login, nor the free text about them.
    const password = /Adgangskode: (\S+)/.exec(parseMail(world.smtp.messages[0]!.raw).text)?.[1];
    expect(password).toEqual(expect.any(String));
    const digits = cpr.replace(/\D/g, '');
    const cprForms = [
      digits,
      `${digits.slice(0, 6)}-${digits.slice(6)}`,
      `${digits.slice(0, 6)} ${digits.slice(6)}`,
    ];
    for (const secret of [...cprForms, password!, QUESTION, ANSWER, RECIPIENT, 'Ørum'])
      expect(raw).not.toContain(secret);
  }, 60_000);
});
