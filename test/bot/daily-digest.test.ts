import path from 'node:path';
import * as digests from '../../cases/daily-digest';
import type { CaseNumber } from '../../cases/case-number';
import { text } from '../../texts';
import { APPROVERS, startApprovalWorld, type ApprovalWorld } from '../support/approval-world';
import { postedThreads, TestClock, threadOf, type SentCard } from '../support/issue13-world';
import { describeEachBackend } from '../support/storage-backends';
import { startTestApp, type TestApp } from '../support/test-app';
import { until } from '../support/until';

const SUPPORT_CHANNEL_ID = '19:support@thread.tacv2';

/** What one look at the digest found, by the instance (its case store) that looked. */
interface Check {
  cases: unknown;
  at: string;
  outcome: digests.DigestRun['outcome'];
}

/** The digest's log lines of one instance for one day. */
function digestLogs(app: TestApp, day: string) {
  const lines = app.logs
    .map((line) => JSON.parse(line) as { msg?: string; day?: string; outcome?: string })
    .filter((line) => line.day === day);
  return {
    posted: lines.filter((l) => l.msg === 'daily digest' && l.outcome === 'posted').length,
    nothingWaits: lines.filter((l) => l.msg === 'daily digest' && l.outcome === 'nothingWaits')
      .length,
    taken: lines.filter((l) => l.msg === 'daily digest taken already').length,
  };
}

/** One row of a digest card: its line and the link of its button. */
function rowsOf(card: SentCard): { line: string; url?: string }[] {
  type Row = {
    type: string;
    items: (
      { type: 'TextBlock'; text: string } | { type: 'ActionSet'; actions: { url: string }[] }
    )[];
  };
  return (card.card.body as Row[])
    .filter((element) => element.type === 'Container')
    .map((row) => {
      const [line, buttons] = row.items;
      return {
        line: line && 'text' in line ? line.text : '',
        ...(buttons && 'actions' in buttons ? { url: buttons.actions[0]!.url } : {}),
      };
    });
}

describeEachBackend('the daily digest of waiting cases', (backend) => {
  let world: ApprovalWorld;
  let clock: TestClock;
  let instances: TestApp[];
  let checks: Check[];

  beforeEach(() => {
    instances = [];
    checks = [];
    // Watches every look at the digest (also those that find it not due, which log nothing).
    const run = digests.runDailyDigest;
    jest.spyOn(digests, 'runDailyDigest').mockImplementation(async (deps, now, token) => {
      const outcome = await run(deps, now, token);
      checks.push({ cases: deps.cases, at: now.toISOString(), outcome: outcome.outcome });
      return outcome;
    });
  });
  afterEach(async () => {
    for (const app of instances) await app.close();
    await world.close();
    jest.restoreAllMocks();
  });

  /** The bot that staff and approvers use; it posts no digest itself. */
  async function startWorld(start: string): Promise<void> {
    clock = new TestClock(start);
    world = await startApprovalWorld(backend.fresh(), { now: clock.now });
    await world.channel('registrer', 'approver-1');
  }

  /** Two more instances on the same store and clock, each looking at the digest every 50 ms. */
  async function startDigestInstances(): Promise<[TestApp, TestApp]> {
    for (let i = 0; i < 2; i++) {
      const app = await startTestApp(
        world.app.where,
        {
          APPROVER_IDS: APPROVERS.join(','),
          INSTITUTIONS_FILE: path.resolve(__dirname, '../../institutions.example.json'),
          JOB_WORKER: 'true',
          JOB_POLL_MS: '100',
          REMINDER_TIME: '08:00',
          DIGEST_CHECK_MS: '50',
        },
        { now: clock.now },
      );
      instances.push(app);
    }
    return [instances[0]!, instances[1]!];
  }

  /** Waits until every digest instance has looked at the digest at the clock's time, twice. */
  async function lookedNow(): Promise<void> {
    const now = clock.now().toISOString();
    await until(() =>
      instances.every(
        (app) =>
          checks.filter((check) => check.cases === app.stores.cases && check.at === now).length >=
          2,
      ),
    );
  }

  /**
   * Waits until both instances have dealt with a day's digest: one posted it (or found nothing
   * waiting), the other found it taken.
   */
  async function dayDone(day: string, outcome: 'posted' | 'nothingWaits'): Promise<void> {
    await until(() => {
      const logs = instances.map((app) => digestLogs(app, day));
      const winners = logs.filter((l) => l[outcome] > 0);
      const others = logs.filter((l) => l[outcome] === 0 && l.taken > 0);
      return winners.length === 1 && others.length === 1;
    });
  }

  const digestCards = () =>
    postedThreads(world.connector).filter((posted) =>
      posted.json.includes(text('da', 'digest.title', { day: '' }).replace(' ()', '')),
    );

  /** Files a case at the clock's time; its card is in the channel and its jobs are done. */
  async function fileNow(): Promise<CaseNumber> {
    const caseNumber = await world.file();
    await world.settled(caseNumber);
    return caseNumber;
  }

  /** Asks the requester of a case a question at the clock's time. */
  async function askNow(caseNumber: CaseNumber): Promise<void> {
    const asked = await world.invoke(
      'case.ask',
      { caseNumber, question: 'Hvilken klasse går barnet i?' },
      'approver-2',
    );
    expect(asked.status).toBe(200);
    await world.settled(caseNumber);
    expect((await world.app.stores.cases.get(caseNumber))?.state).toBe('info_requested');
  }

  const filedLine = (caseNumber: string, age: string) =>
    text('da', 'digest.filed', { caseNumber, age });
  const questionLine = (caseNumber: string, age: string) =>
    text('da', 'digest.infoRequested', { caseNumber, age });
  const hours = (count: number) => text('da', 'age.hours', { hours: count });
  const days = (count: number, rest: number) =>
    text('da', 'age.days', { days: count, hours: rest });

  it('posts one card a day from two instances, oldest first with ages and thread links, questions after 72 hours', async () => {
    // Winter time: Copenhagen is UTC+1.
    await startWorld('2026-03-06T07:00:00+01:00');
    const a = await fileNow();
    clock.set('2026-03-06T08:00:00+01:00');
    const b = await fileNow();
    await askNow(b);
    clock.set('2026-03-06T10:00:00+01:00');
    const c = await fileNow();
    clock.set('2026-03-07T07:00:00+01:00');
    await askNow(c);
    clock.set('2026-03-08T06:00:00+01:00');
    const d = await fileNow();
    clock.set('2026-03-08T12:00:00+01:00');
    const decided = await fileNow();
    await world.invoke(
      'case.deny',
      { caseNumber: decided, reason: 'Ikke kontaktperson' },
      'approver-2',
    );
    await world.settled(decided);
    clock.set('2026-03-09T07:00:00+01:00');
    const fresh = await fileNow();

    // A minute before 08:00 Danish time both instances look, and nothing is posted.
    clock.set('2026-03-09T07:59:00+01:00');
    await startDigestInstances();
    await lookedNow();
    expect(checks.every((check) => check.outcome === 'notYet')).toBe(true);
    expect(digestCards()).toHaveLength(0);

    clock.set('2026-03-09T08:30:00+01:00');
    await dayDone('2026-03-09', 'posted');
    await lookedNow();
    expect(digestCards()).toHaveLength(1);
    const first = digestCards()[0]!;
    expect(first.channelId).toBe(SUPPORT_CHANNEL_ID);
    expect(first.json).toContain(text('da', 'digest.title', { day: '2026-03-09' }));
    expect(first.json).toContain(text('da', 'digest.intro', { count: 3 }));
    // c waits for an answer since 49 hours, fresh was filed 90 minutes ago, decided is decided.
    expect(rowsOf(first).map((row) => row.line)).toEqual([
      filedLine(a, days(3, 1)),
      questionLine(b, days(3, 0)),
      filedLine(d, hours(26)),
    ]);
    for (const [row, caseNumber] of rowsOf(first).map((r, i) => [r, [a, b, d][i]!] as const)) {
      const { activityId } = await threadOf(world, caseNumber);
      const url = new URL(row.url!);
      expect(url.origin).toBe('https://teams.microsoft.com');
      expect(decodeURIComponent(url.pathname)).toBe(
        `/l/message/${SUPPORT_CHANNEL_ID}/${activityId}`,
      );
      expect(url.searchParams.get('parentMessageId')).toBe(activityId);
    }

    // The next morning the other cases have waited long enough too.
    clock.set('2026-03-10T08:30:00+01:00');
    await dayDone('2026-03-10', 'posted');
    await lookedNow();
    expect(digestCards()).toHaveLength(2);
    const second = digestCards()[1]!;
    expect(second.json).toContain(text('da', 'digest.title', { day: '2026-03-10' }));
    expect(second.json).toContain(text('da', 'digest.intro', { count: 5 }));
    expect(rowsOf(second).map((row) => row.line)).toEqual([
      filedLine(a, days(4, 1)),
      questionLine(b, days(4, 0)),
      questionLine(c, days(3, 1)),
      filedLine(d, days(2, 2)),
      filedLine(fresh, hours(25)),
    ]);
    expect(rowsOf(second).every((row) => row.url !== undefined)).toBe(true);
  });

  it('posts nothing when nothing waits, marks the day so that later checks post nothing, and posts the next day', async () => {
    // Summer time: Copenhagen is UTC+2, so 08:00 there is 06:00 UTC.
    await startWorld('2026-06-09T20:00:00+02:00');
    const waiting = await fileNow();
    clock.set('2026-06-10T07:59:00+02:00');
    await startDigestInstances();
    await lookedNow();
    expect(checks.every((check) => check.outcome === 'notYet')).toBe(true);

    // At 08:00 the case has waited 12 hours: under the 24 hours a filed case may wait.
    clock.set('2026-06-10T08:00:00+02:00');
    await dayDone('2026-06-10', 'nothingWaits');
    expect(digestCards()).toHaveLength(0);

    // Later that day it has waited 27 hours, but the day's digest was done.
    clock.set('2026-06-10T23:00:00+02:00');
    await lookedNow();
    const late = checks.filter((check) => check.at === clock.now().toISOString());
    expect(late.every((check) => check.outcome === 'taken')).toBe(true);
    expect(digestCards()).toHaveLength(0);

    clock.set('2026-06-11T08:00:00+02:00');
    await dayDone('2026-06-11', 'posted');
    expect(digestCards()).toHaveLength(1);
    expect(digestCards()[0]!.json).toContain(text('da', 'digest.title', { day: '2026-06-11' }));
    expect(rowsOf(digestCards()[0]!).map((row) => row.line)).toEqual([
      filedLine(waiting, hours(36)),
    ]);
  });
});
