import type { CaseNumber } from '../../cases/case-number';
import {
  DIGEST_LEASE_MS,
  digestDayDue,
  localDayAndTime,
  runDailyDigest,
  waitingCases,
  type DigestDeps,
  type WaitingCase,
} from '../../cases/daily-digest';
import { answerQuestion, askRequester } from '../../cases/information-request';
import type { Stores } from '../../storage';
import { describeEachBackend, openStores } from '../support/storage-backends';
import { APPROVER, STAFF, openFilingWorld, type FilingWorld } from './filing-world';

const HOUR_MS = 60 * 60 * 1000;
const MINUTE_MS = 60 * 1000;
/** 09:00 in Copenhagen (winter time), a day with cases of every kind of waiting. */
const NOW = new Date('2026-12-01T08:00:00.000Z');
const hoursBefore = (hours: number, minutes = 0) =>
  new Date(NOW.getTime() - hours * HOUR_MS - minutes * MINUTE_MS);

describe('localDayAndTime', () => {
  it.each([
    ['2026-01-15T07:30:00.000Z', '2026-01-15', '08:30', 'winter time is UTC+1'],
    ['2026-07-15T06:00:00.000Z', '2026-07-15', '08:00', 'summer time is UTC+2'],
    ['2026-03-29T00:59:00.000Z', '2026-03-29', '01:59', 'the last minute of winter time'],
    ['2026-03-29T01:00:00.000Z', '2026-03-29', '03:00', 'summer time begins: 02:00 is skipped'],
    ['2026-03-29T06:00:00.000Z', '2026-03-29', '08:00', 'the first morning of summer time'],
    ['2026-10-25T00:59:00.000Z', '2026-10-25', '02:59', 'the last minute of summer time'],
    ['2026-10-25T01:00:00.000Z', '2026-10-25', '02:00', 'winter time begins: 02:00 again'],
    ['2026-10-25T07:00:00.000Z', '2026-10-25', '08:00', 'the first morning of winter time'],
    ['2026-06-30T22:00:00.000Z', '2026-07-01', '00:00', 'local midnight, still June in UTC'],
    ['2026-12-31T23:30:00.000Z', '2027-01-01', '00:30', 'a new local year, the old one in UTC'],
  ])('reads %s as %s %s (%s)', (instant, day, time) => {
    expect(localDayAndTime(new Date(instant))).toEqual({ day, time });
  });
});

describe('digestDayDue', () => {
  it.each<[string, string | undefined, string]>([
    ['2026-01-15T06:59:00.000Z', undefined, 'at 07:59 local in winter'],
    ['2026-01-15T07:00:00.000Z', '2026-01-15', 'at 08:00 local in winter'],
    ['2026-07-15T05:59:00.000Z', undefined, 'at 07:59 local in summer'],
    ['2026-07-15T06:00:00.000Z', '2026-07-15', 'at 08:00 local in summer'],
    ['2026-07-15T21:59:00.000Z', '2026-07-15', 'late in the local evening'],
    ['2026-07-15T22:30:00.000Z', undefined, 'after local midnight, before 08:00'],
  ])('at %s gives %s (%s)', (instant, day) => {
    expect(digestDayDue(new Date(instant), '08:00')).toBe(day);
  });
});

describeEachBackend('the daily digest', (backend) => {
  let world: FilingWorld;
  const opened: Stores[] = [];
  beforeEach(async () => {
    world = await openFilingWorld(backend.fresh());
  });
  afterEach(async () => {
    for (const stores of opened.splice(0)) await stores.storage.close();
    await world.close();
  });

  /** Files a case for a person of its own at `at`. */
  async function fileAt(at: Date): Promise<CaseNumber> {
    world.clock.now = at;
    return world.fileForNextPerson();
  }
  async function askAt(caseNumber: CaseNumber, at: Date): Promise<string> {
    world.clock.now = at;
    const outcome = await askRequester(world.deps, caseNumber, APPROVER, 'Hvem er modtageren?');
    if (outcome.outcome !== 'asked') throw new Error(`not asked: ${outcome.outcome}`);
    return at.toISOString();
  }
  async function answerAt(caseNumber: CaseNumber, questionAt: string, at: Date) {
    world.clock.now = at;
    const outcome = await answerQuestion(world.deps, caseNumber, STAFF, {
      text: 'Skolens leder',
      questionAt,
    });
    if (outcome.outcome !== 'answered') throw new Error(`not answered: ${outcome.outcome}`);
  }

  describe('waitingCases', () => {
    it('lists filed cases older than the limit and questions older than 72 hours, oldest first', async () => {
      const filedLong = await fileAt(hoursBefore(30, 59));
      await fileAt(hoursBefore(23, 59));
      const askedLong = await fileAt(hoursBefore(100));
      await askAt(askedLong, hoursBefore(80));
      const askedLately = await fileAt(hoursBefore(100));
      await askAt(askedLately, hoursBefore(50));
      const approved = await fileAt(hoursBefore(200));
      await world.markIssued(approved);
      const denied = await fileAt(hoursBefore(200));
      await world.deny(denied);

      const waiting = await waitingCases(world.stores.cases, NOW, 24);

      expect(waiting).toEqual<WaitingCase[]>([
        {
          caseNumber: askedLong,
          state: 'info_requested',
          waitingSince: hoursBefore(80).toISOString(),
          hours: 80,
        },
        {
          caseNumber: filedLong,
          state: 'filed',
          waitingSince: hoursBefore(30, 59).toISOString(),
          hours: 30,
        },
      ]);
    });

    it('counts the waiting of an answered case from its answer, not from its filing', async () => {
      const answeredLately = await fileAt(hoursBefore(200));
      await answerAt(
        answeredLately,
        await askAt(answeredLately, hoursBefore(150)),
        hoursBefore(20),
      );
      const answeredLong = await fileAt(hoursBefore(200));
      await answerAt(answeredLong, await askAt(answeredLong, hoursBefore(150)), hoursBefore(26));

      const waiting = await waitingCases(world.stores.cases, NOW, 24);

      expect(waiting).toEqual([
        {
          caseNumber: answeredLong,
          state: 'filed',
          waitingSince: hoursBefore(26).toISOString(),
          hours: 26,
        },
      ]);
    });

    it('names the support thread of a waiting case whose card was posted', async () => {
      const caseNumber = await fileAt(hoursBefore(48));
      const thread = { threadId: '19:abc@thread.tacv2', activityId: '1700000000000' };
      await world.stores.cases.recordThread(caseNumber, thread);
      expect(await waitingCases(world.stores.cases, NOW, 24)).toEqual([
        expect.objectContaining({ caseNumber, thread }),
      ]);
    });

    it('follows the configured limit for filed cases', async () => {
      const caseNumber = await fileAt(hoursBefore(5));
      expect(await waitingCases(world.stores.cases, NOW, 24)).toEqual([]);
      expect(await waitingCases(world.stores.cases, NOW, 4)).toEqual([
        expect.objectContaining({ caseNumber, hours: 5 }),
      ]);
    });
  });

  describe('runDailyDigest', () => {
    /** At 08:30 local, winter time, on a December day. */
    const morningOf = (day: number) => new Date(Date.UTC(2026, 11, day, 7, 30));
    const posts: { day: string; cases: CaseNumber[]; by: string }[] = [];
    beforeEach(() => posts.splice(0));

    /** The digest as one instance, on its own connection to the store, runs it. */
    async function anInstance(
      name: string,
      post: DigestDeps['post'] = async (waiting, day) => {
        posts.push({ day, cases: waiting.map((w) => w.caseNumber), by: name });
      },
    ) {
      const stores = await openStores(world.where);
      opened.push(stores);
      const deps: DigestDeps = {
        markers: stores.digests,
        cases: stores.cases,
        reminderTime: '08:00',
        afterHours: 24,
        post,
      };
      return (now: Date) => runDailyDigest(deps, now, `token-${name}`);
    }

    it('posts nothing before the reminder time, and claims nothing', async () => {
      await fileAt(hoursBefore(48));
      const run = await anInstance('a');
      expect(await run(new Date('2026-12-01T06:59:00.000Z'))).toEqual({ outcome: 'notYet' });
      expect(posts).toEqual([]);
      expect(await run(new Date('2026-12-01T07:00:00.000Z'))).toMatchObject({
        outcome: 'posted',
      });
    });

    it('posts nothing when nothing waits, and marks the day done', async () => {
      await fileAt(hoursBefore(2));
      const run = await anInstance('a');
      expect(await run(morningOf(1))).toEqual({ outcome: 'nothingWaits', day: '2026-12-01' });
      expect(posts).toEqual([]);
      world.clock.now = morningOf(1);
      await fileAt(hoursBefore(48));
      expect(await run(new Date(morningOf(1).getTime() + HOUR_MS))).toEqual({
        outcome: 'taken',
        day: '2026-12-01',
      });
      expect(posts).toEqual([]);
    });

    it('lets exactly one of two instances post the day’s digest, on every day', async () => {
      const waiting = await fileAt(new Date('2026-11-20T08:00:00.000Z'));
      const [a, b] = [await anInstance('a'), await anInstance('b')];
      for (let day = 1; day <= 5; day++) {
        const outcomes = await Promise.all([a(morningOf(day)), b(morningOf(day))]);
        expect(outcomes.map((o) => o.outcome).sort()).toEqual(['posted', 'taken']);
      }
      expect(posts.map((p) => p.day)).toEqual([
        '2026-12-01',
        '2026-12-02',
        '2026-12-03',
        '2026-12-04',
        '2026-12-05',
      ]);
      for (const post of posts) expect(post.cases).toEqual([waiting]);
    });

    it('posts nothing more at the next check the same day', async () => {
      await fileAt(hoursBefore(48));
      const [a, b] = [await anInstance('a'), await anInstance('b')];
      expect(await a(morningOf(1))).toEqual({ outcome: 'posted', day: '2026-12-01', cases: 1 });
      for (const later of [1, 5, 14]) {
        const at = new Date(morningOf(1).getTime() + later * HOUR_MS);
        expect(await a(at)).toEqual({ outcome: 'taken', day: '2026-12-01' });
        expect(await b(at)).toEqual({ outcome: 'taken', day: '2026-12-01' });
      }
      expect(posts).toHaveLength(1);
    });

    it('takes over a claim whose poster failed, once its lease ran out, and posts', async () => {
      const caseNumber = await fileAt(hoursBefore(48));
      const failing = await anInstance('a', async () => {
        throw new Error('Teams is down');
      });
      const b = await anInstance('b');
      const start = morningOf(1);
      await expect(failing(start)).rejects.toThrow('Teams is down');
      const justBefore = new Date(start.getTime() + DIGEST_LEASE_MS - 1000);
      expect(await b(justBefore)).toEqual({ outcome: 'taken', day: '2026-12-01' });
      expect(posts).toEqual([]);
      const after = new Date(start.getTime() + DIGEST_LEASE_MS + 1000);
      expect(await b(after)).toEqual({ outcome: 'posted', day: '2026-12-01', cases: 1 });
      expect(posts).toEqual([{ day: '2026-12-01', cases: [caseNumber], by: 'b' }]);
      expect(await b(new Date(after.getTime() + DIGEST_LEASE_MS * 2))).toMatchObject({
        outcome: 'taken',
      });
    });

    it('posts again on a new day', async () => {
      await fileAt(hoursBefore(48));
      const a = await anInstance('a');
      expect(await a(morningOf(1))).toMatchObject({ outcome: 'posted', day: '2026-12-01' });
      // 00:30 local on the 2nd: a new day, its digest not yet due.
      expect(await a(new Date(Date.UTC(2026, 11, 1, 23, 30)))).toEqual({ outcome: 'notYet' });
      expect(await a(morningOf(2))).toMatchObject({ outcome: 'posted', day: '2026-12-02' });
      expect(posts.map((p) => p.day)).toEqual(['2026-12-01', '2026-12-02']);
    });
  });
});
