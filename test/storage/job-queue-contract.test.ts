import type { CaseIn } from '../../cases/case';
import { jobsFor, type Effect, type Job } from '../../cases/effects';
import type { Stores } from '../../storage';
import { aCase } from '../support/case-builder';
import { describeEachBackend, openStores } from '../support/storage-backends';

const T0 = new Date('2026-05-01T12:00:00.000Z');
/** An ISO time `s` seconds after T0. */
const at = (s: number) => new Date(T0.getTime() + s * 1000).toISOString();
const FAR = '9999-12-31T23:59:59.999Z';
const failure = { job: 'tellRequester' as const, at: at(5), reason: '403 bot removed' };

describeEachBackend('job queue contract', (backend) => {
  let stores: Stores;
  beforeEach(async () => {
    stores = await openStores(backend.fresh());
  });
  afterEach(() => stores.storage.close());

  /** Files a case with jobs for `effects`, due at `dueAt` seconds after T0. */
  async function caseWith(effects: Effect[], dueAt = 0): Promise<Job[]> {
    const filed = aCase();
    const jobs = jobsFor(filed.caseNumber, effects, new Date(at(dueAt)));
    await stores.cases.create(filed, jobs);
    return jobs;
  }

  async function oneJob(effect: Effect = { kind: 'tellRequester', notice: 'denied' }) {
    const [job] = (await caseWith([effect])) as [Job];
    return job;
  }

  const claim = (job: Job, lease: string, now: number, until: number) =>
    stores.jobs.claim({ ...job, lease }, at(now), at(until));

  it('lists the jobs due now, the longest-waiting first, up to the limit', async () => {
    const [third] = await caseWith([{ kind: 'postCard' }], 3);
    const [later] = await caseWith([{ kind: 'postCard' }], 30);
    const [first] = await caseWith([{ kind: 'sendMail' }], 1);
    const [second] = await caseWith([{ kind: 'updateCard' }], 2);
    expect(await stores.jobs.due(at(10), 10)).toEqual([first, second, third]);
    expect(await stores.jobs.due(at(10), 2)).toEqual([first, second]);
    expect(await stores.jobs.due(at(0), 10)).toEqual([]);
    expect(await stores.jobs.due(at(30), 10)).toEqual([first, second, third, later]);
  });

  it('claims a due job with a lease: nobody else sees it as due until the lease ends', async () => {
    const job = await oneJob();
    const claimed = await claim(job, 'lease-a', 0, 60);
    expect(claimed).toEqual({ ...job, lease: 'lease-a', availableAt: at(60), attempts: 1 });
    expect(await stores.jobs.due(at(59), 10)).toEqual([]);
    expect(await claim(job, 'lease-b', 59, 120)).toBeUndefined();
    expect(await stores.jobs.due(at(60), 10)).toEqual([claimed]);
  });

  it('does not claim a job before it is due', async () => {
    const [job] = (await caseWith([{ kind: 'postCard' }], 30)) as [Job];
    expect(await claim(job, 'lease-a', 10, 70)).toBeUndefined();
    expect(await stores.jobs.forCase(job.caseNumber)).toEqual([job]);
  });

  it('lets exactly one of 20 parallel claims of one job win', async () => {
    const job = await oneJob();
    const claims = await Promise.all(
      Array.from({ length: 20 }, (_, i) => claim(job, `lease-${i}`, 1, 60)),
    );
    const won = claims.filter((c) => c !== undefined);
    expect(won).toHaveLength(1);
    expect(await stores.jobs.forCase(job.caseNumber)).toEqual(won);
  });

  it('answers a claim with the job as stored, its attempts counted across claims', async () => {
    const job = await oneJob();
    await claim(job, 'lease-a', 0, 10);
    // The first worker's lease ran out; a second takes the job from the list it read before.
    const second = await claim(job, 'lease-b', 11, 20);
    expect(second).toMatchObject({ lease: 'lease-b', attempts: 2, availableAt: at(20) });
    expect(await stores.jobs.forCase(job.caseNumber)).toEqual([second]);
  });

  it('removes a completed job', async () => {
    const job = await oneJob();
    await stores.jobs.complete((await claim(job, 'lease-a', 0, 60))!);
    expect(await stores.jobs.forCase(job.caseNumber)).toEqual([]);
    expect(await stores.jobs.due(FAR, 10)).toEqual([]);
  });

  it('puts a job back for later with its error and without its lease', async () => {
    const job = await oneJob();
    await stores.jobs.retry((await claim(job, 'lease-a', 0, 60))!, at(30), 'connector 503');
    const waiting = { ...job, attempts: 1, availableAt: at(30), lastError: 'connector 503' };
    expect(await stores.jobs.forCase(job.caseNumber)).toEqual([waiting]);
    expect(await stores.jobs.due(at(29), 10)).toEqual([]);
    expect(await stores.jobs.due(at(30), 10)).toEqual([waiting]);
  });

  it('removes a job that cannot succeed and records the failure on its case', async () => {
    const job = await oneJob();
    await stores.jobs.fail((await claim(job, 'lease-a', 0, 60))!, failure);
    expect(await stores.jobs.forCase(job.caseNumber)).toEqual([]);
    expect((await stores.cases.get(job.caseNumber))?.failures).toEqual([failure]);
    const listed = await stores.cases.listWithFailures(10);
    expect(listed.map((c) => c.caseNumber)).toEqual([job.caseNumber]);
  });

  it('changes nothing on complete, retry or fail with a lease that another worker took over', async () => {
    const job = await oneJob();
    const stale = (await claim(job, 'lease-a', 0, 10))!;
    const current = (await claim(stale, 'lease-b', 11, 70))!;
    await stores.jobs.complete(stale);
    await stores.jobs.retry(stale, at(12), 'stale worker');
    await stores.jobs.fail(stale, failure);
    expect(await stores.jobs.forCase(job.caseNumber)).toEqual([current]);
    expect((await stores.cases.get(job.caseNumber))?.failures).toEqual([]);
    await stores.jobs.complete(current);
    expect(await stores.jobs.forCase(job.caseNumber)).toEqual([]);
  });

  it('wakes the waiting jobs of one kind, and leaves held jobs and other kinds alone', async () => {
    const [card, update] = (await caseWith([{ kind: 'postCard' }, { kind: 'updateCard' }])) as [
      Job,
      Job,
    ];
    await stores.jobs.retry((await claim(card, 'a', 0, 60))!, at(600), 'no channel');
    await stores.jobs.retry((await claim(update, 'b', 0, 60))!, at(600), 'not posted');
    const held = await claim(await oneJob({ kind: 'postCard' }), 'c', 0, 600);
    await stores.jobs.wake('postCard', at(5));
    const due = await stores.jobs.due(at(5), 10);
    expect(due).toEqual([{ ...card, attempts: 1, availableAt: at(5), lastError: 'no channel' }]);
    expect(await stores.jobs.forCase(held!.caseNumber)).toEqual([held]);
  });

  it("lists a case's jobs, due or not, held or not, and no other case's", async () => {
    const [due, later, held] = (await caseWith(
      [{ kind: 'postCard' }, { kind: 'sendMail' }, { kind: 'updateCard' }],
      0,
    )) as [Job, Job, Job];
    await oneJob();
    await stores.jobs.retry((await claim(later, 'a', 0, 60))!, at(600), 'later');
    const claimed = await claim(held, 'b', 0, 60);
    const listed = await stores.jobs.forCase(due.caseNumber);
    expect(new Set(listed.map((job) => job.id))).toEqual(new Set([due.id, later.id, held.id]));
    expect(listed).toContainEqual(claimed);
  });

  describe('with a transition', () => {
    it("writes the transition's jobs in the same write, and none when the transition loses", async () => {
      const filed = aCase();
      await stores.cases.create(filed, []);
      const decision = { by: { aadObjectId: 'approver-1', name: 'Anna' }, at: at(1) };
      const next: CaseIn<'approved'> = { ...filed, state: 'approved', decision };
      const jobs = jobsFor(filed.caseNumber, [{ kind: 'sendMail' }, { kind: 'updateCard' }], T0);
      const lost = jobsFor(filed.caseNumber, [{ kind: 'sendMail' }], T0);
      expect((await stores.cases.transition(filed.caseNumber, ['filed'], next, jobs)).won).toBe(
        true,
      );
      expect((await stores.cases.transition(filed.caseNumber, ['filed'], next, lost)).won).toBe(
        false,
      );
      const stored = await stores.jobs.forCase(filed.caseNumber);
      expect(stored.map((job) => job.id).sort()).toEqual(jobs.map((job) => job.id).sort());
      expect(await stores.jobs.due(at(0), 10)).toEqual(expect.arrayContaining(jobs));
    });

    it('survives close and reopen with every waiting job', async () => {
      const where = backend.fresh();
      const before = await openStores(where);
      const filed = aCase();
      const jobs = jobsFor(filed.caseNumber, [{ kind: 'postCard' }], T0);
      await before.cases.create(filed, jobs);
      await before.storage.close();
      const after = await openStores(where);
      try {
        expect(await after.jobs.forCase(filed.caseNumber)).toEqual(jobs);
      } finally {
        await after.storage.close();
      }
    });
  });
});
