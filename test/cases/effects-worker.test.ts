import type { CaseNumber } from '../../cases/case-number';
import { jobsFor, type Effect, type Job } from '../../cases/effects';
import {
  backoffMs,
  EffectsWorker,
  MAX_BACKOFF_MS,
  type JobHandlers,
  type JobOutcome,
} from '../../cases/effects-worker';
import { openWorld, type UnitWorld } from '../approval-units/world';
import { aCase } from '../support/case-builder';
import { describeEachBackend } from '../support/storage-backends';
import { until } from '../support/until';

const T0 = new Date('2026-03-02T09:30:00.000Z');
const LEASE_MS = 30_000;
const at = (ms: number) => new Date(T0.getTime() + ms);

/** The same handler for every kind of job. */
const handlersFor = (run: (job: Job) => Promise<JobOutcome>): JobHandlers => ({
  postCard: run,
  updateCard: run,
  tellRequester: run,
  sendMail: run,
  audit: run,
  alertSupport: run,
  replyInThread: run,
});
const done = async (): Promise<JobOutcome> => ({ outcome: 'done' });

/** A promise the test resolves when it chooses. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

/** Log lines, as the worker wrote them. */
type Line = { level: string; fields: Record<string, unknown>; message: string };
const recordingLog = (lines: Line[]) => ({
  debug: (fields: Record<string, unknown>, message: string) =>
    lines.push({ level: 'debug', fields, message }),
  warn: (fields: Record<string, unknown>, message: string) =>
    lines.push({ level: 'warn', fields, message }),
  error: (fields: Record<string, unknown>, message: string) =>
    lines.push({ level: 'error', fields, message }),
});

describe('backoffMs', () => {
  const middle = () => 0.5;

  it('waits a second after the first attempt and twice as long after each further one', () => {
    expect([1, 2, 3, 4, 5].map((n) => backoffMs(n, middle))).toEqual([
      1000, 2000, 4000, 8000, 16_000,
    ]);
  });

  it('never waits longer than five minutes, however many attempts failed', () => {
    expect(MAX_BACKOFF_MS).toBe(300_000);
    for (const attempts of [10, 11, 30, 1000, 1_000_000]) {
      expect(backoffMs(attempts, middle)).toBe(MAX_BACKOFF_MS);
    }
  });

  it('spreads the wait by at most 20% either way', () => {
    expect(backoffMs(3, () => 0)).toBe(3200);
    expect(backoffMs(3, () => 0.999999)).toBeLessThanOrEqual(4800);
    expect(backoffMs(1000, () => 0.999999)).toBeLessThanOrEqual(MAX_BACKOFF_MS * 1.2);
  });
});

describeEachBackend('the effects worker', (backend) => {
  let world: UnitWorld;
  let lines: Line[];

  beforeEach(async () => {
    world = await openWorld(T0, { where: backend.fresh() });
    lines = [];
  });
  afterEach(() => world.close());

  const workerWith = (handlers: JobHandlers, now: () => Date = () => T0) =>
    new EffectsWorker(world.stores.jobs, handlers, recordingLog(lines), {
      pollMs: 60_000,
      leaseMs: LEASE_MS,
      now,
    });
  /** Files a case with jobs for the effects given; returns the case number. */
  const caseWith = async (effects: Effect[], due = T0): Promise<CaseNumber> => {
    const value = aCase();
    await world.file(value, jobsFor(value.caseNumber, effects, due));
    return value.caseNumber;
  };
  const jobsOf = (caseNumber: CaseNumber) => world.stores.jobs.forCase(caseNumber);

  it('runs a due job once and removes it', async () => {
    const caseNumber = await caseWith([{ kind: 'postCard' }]);
    const ran: Job[] = [];
    const worker = workerWith(handlersFor(async (job) => (ran.push(job), done())));
    expect(await worker.runDue()).toBe(1);
    expect(ran).toEqual([expect.objectContaining({ kind: 'postCard', caseNumber, attempts: 1 })]);
    expect(await jobsOf(caseNumber)).toEqual([]);
    expect(await worker.runDue()).toBe(0);
    expect(ran).toHaveLength(1);
  });

  it('does not run a job before it is due', async () => {
    let now = T0;
    const caseNumber = await caseWith([{ kind: 'updateCard' }], at(10_000));
    const worker = workerWith(handlersFor(done), () => now);
    expect(await worker.runDue()).toBe(0);
    now = at(10_000);
    expect(await worker.runDue()).toBe(1);
    expect(await jobsOf(caseNumber)).toEqual([]);
  });

  it('keeps a reminder until its notBefore time, while the rest of its batch runs at once', async () => {
    let now = T0;
    const questionAt = T0.toISOString();
    const remindAt = at(2 * 24 * 60 * 60 * 1000);
    const caseNumber = await caseWith([
      { kind: 'tellRequester', notice: 'question', questionAt },
      {
        kind: 'tellRequester',
        notice: 'questionReminder',
        questionAt,
        notBefore: remindAt.toISOString(),
      },
    ]);
    const ran: Job[] = [];
    const worker = workerWith(
      handlersFor(async (job) => (ran.push(job), done())),
      () => now,
    );
    expect(await worker.runDue()).toBe(1);
    expect(ran).toEqual([expect.objectContaining({ notice: 'question' })]);
    expect(await jobsOf(caseNumber)).toEqual([
      expect.objectContaining({ notice: 'questionReminder', availableAt: remindAt.toISOString() }),
    ]);
    now = new Date(remindAt.getTime() - 1);
    expect(await worker.runDue()).toBe(0);
    now = remindAt;
    expect(await worker.runDue()).toBe(1);
    expect(ran.at(-1)).toMatchObject({ notice: 'questionReminder' });
  });

  it('hands a reply in the thread to its own handler', async () => {
    const caseNumber = await caseWith([{ kind: 'replyInThread', questionAt: T0.toISOString() }]);
    const replies: Job[] = [];
    const handlers = {
      ...handlersFor(() => Promise.reject(new Error('not this handler'))),
      replyInThread: async (job: Job) => (replies.push(job), done()),
    };
    expect(await workerWith(handlers).runDue()).toBe(1);
    expect(replies).toEqual([
      expect.objectContaining({ kind: 'replyInThread', caseNumber, questionAt: T0.toISOString() }),
    ]);
  });

  it('retries a job whose handler throws after the backoff, keeping the error', async () => {
    let now = T0;
    const caseNumber = await caseWith([{ kind: 'tellRequester', notice: 'denied' }]);
    const ran: Job[] = [];
    const worker = workerWith(
      handlersFor(async (job) => {
        ran.push(job);
        if (ran.length === 1) throw new Error('connector answered 503');
        return done();
      }),
      () => now,
    );
    expect(await worker.runDue()).toBe(1);
    const [waiting] = await jobsOf(caseNumber);
    expect(waiting).toMatchObject({ attempts: 1, lastError: 'Error: connector answered 503' });
    expect(waiting).not.toHaveProperty('lease');
    const wait = Date.parse(waiting!.availableAt) - T0.getTime();
    expect(wait).toBeGreaterThanOrEqual(800);
    expect(wait).toBeLessThanOrEqual(1200);
    expect(lines).toContainEqual(
      expect.objectContaining({ level: 'warn', fields: expect.objectContaining({ caseNumber }) }),
    );

    now = at(wait - 1);
    expect(await worker.runDue()).toBe(0);
    now = at(wait);
    expect(await worker.runDue()).toBe(1);
    expect(ran[1]).toMatchObject({ attempts: 2, lastError: 'Error: connector answered 503' });
    expect(await jobsOf(caseNumber)).toEqual([]);
  });

  it('waits longer after each failed attempt', async () => {
    let now = T0;
    const caseNumber = await caseWith([{ kind: 'sendMail' }]);
    const worker = workerWith(
      handlersFor(() => Promise.reject(new Error('down'))),
      () => now,
    );
    for (let attempt = 1; attempt <= 5; attempt++) {
      expect(await worker.runDue()).toBe(1);
      const [job] = await jobsOf(caseNumber);
      const wait = Date.parse(job!.availableAt) - now.getTime();
      const base = 1000 * 2 ** (attempt - 1);
      expect(wait).toBeGreaterThanOrEqual(base * 0.8);
      expect(wait).toBeLessThanOrEqual(base * 1.2);
      now = new Date(job!.availableAt);
    }
  });

  it('waits as long as a handler asks when it asks for a retry', async () => {
    const caseNumber = await caseWith([{ kind: 'postCard' }]);
    const worker = workerWith(
      handlersFor(async () => ({ outcome: 'retry', reason: 'no channel', afterMs: 60_000 })),
    );
    await worker.runDue();
    expect(await jobsOf(caseNumber)).toEqual([
      expect.objectContaining({ availableAt: at(60_000).toISOString(), lastError: 'no channel' }),
    ]);
  });

  it('records a job that cannot succeed on its case, removes it and logs the case number', async () => {
    const caseNumber = await caseWith([{ kind: 'tellRequester', notice: 'mailSent' }]);
    const worker = workerWith(
      handlersFor(async () => ({ outcome: 'failed', reason: 'Forbidden: bot removed' })),
    );
    expect(await worker.runDue()).toBe(1);
    expect(await jobsOf(caseNumber)).toEqual([]);
    const after = await world.stores.cases.get(caseNumber);
    expect(after?.failures).toEqual([
      { job: 'tellRequester', at: T0.toISOString(), reason: 'Forbidden: bot removed' },
    ]);
    expect((await world.stores.cases.listWithFailures(10)).map((c) => c.caseNumber)).toEqual([
      caseNumber,
    ]);
    expect(lines).toContainEqual(
      expect.objectContaining({ level: 'error', fields: expect.objectContaining({ caseNumber }) }),
    );
  });

  it('runs each job exactly once when two workers race for the same due jobs', async () => {
    const numbers = await Promise.all(
      Array.from({ length: 12 }, () => caseWith([{ kind: 'updateCard' }, { kind: 'postCard' }])),
    );
    const runs = new Map<string, number>();
    const count = async (job: Job) => {
      runs.set(job.id, (runs.get(job.id) ?? 0) + 1);
      await new Promise((resolve) => setImmediate(resolve));
      return done();
    };
    const [a, b] = [workerWith(handlersFor(count)), workerWith(handlersFor(count))];
    const [ranA, ranB] = await Promise.all([a.runDue(), b.runDue()]);
    expect(ranA + ranB).toBe(24);
    expect(runs.size).toBe(24);
    expect([...runs.values()].filter((n) => n !== 1)).toEqual([]);
    for (const caseNumber of numbers) expect(await jobsOf(caseNumber)).toEqual([]);
  });

  it.each([
    ['completes', async (): Promise<JobOutcome> => ({ outcome: 'done' })],
    ['fails for good', async (): Promise<JobOutcome> => ({ outcome: 'failed', reason: 'gone' })],
    ['throws', () => Promise.reject(new Error('late'))],
  ])(
    'lets another worker take over a job whose lease ran out; the first worker then %s without touching it',
    async (_, lateOutcome: () => Promise<JobOutcome>) => {
      const caseNumber = await caseWith([{ kind: 'updateCard' }]);
      const [firstHolds, secondHolds] = [gate(), gate()];
      const [firstGo, secondGo] = [gate(), gate()];
      const first = workerWith(
        handlersFor(async () => (firstHolds.open(), await firstGo.opened, lateOutcome())),
      );
      let secondNow = at(1);
      const secondRan: Job[] = [];
      const second = workerWith(
        handlersFor(async (job) => {
          secondRan.push(job);
          secondHolds.open();
          await secondGo.opened;
          return done();
        }),
        () => secondNow,
      );

      const firstPass = first.runDue();
      await firstHolds.opened;
      expect(await second.runDue()).toBe(0); // the lease still holds
      secondNow = at(LEASE_MS + 1);
      const secondPass = second.runDue();
      await secondHolds.opened;
      expect(secondRan).toEqual([expect.objectContaining({ attempts: 2 })]);

      firstGo.open();
      await firstPass;
      const [held] = await jobsOf(caseNumber);
      expect(held).toMatchObject({ availableAt: at(2 * LEASE_MS + 1).toISOString() });
      expect(held?.lease).toEqual(expect.any(String));
      expect((await world.stores.cases.get(caseNumber))?.failures).toEqual([]);

      secondGo.open();
      expect(await secondPass).toBe(1);
      expect(await jobsOf(caseNumber)).toEqual([]);
    },
  );

  it('finds jobs queued after it started by polling, and stops polling when stopped', async () => {
    let ran = 0;
    const worker = new EffectsWorker(
      world.stores.jobs,
      handlersFor(async () => (ran++, done())),
      recordingLog(lines),
      { pollMs: 50, leaseMs: LEASE_MS, now: () => T0 },
    );
    worker.start();
    try {
      const caseNumber = await caseWith([{ kind: 'postCard' }]);
      await until(async () => (await jobsOf(caseNumber)).length === 0, 5000);
      expect(ran).toBe(1);
    } finally {
      await worker.stop();
    }
    expect(await worker.kick()).toBe(0);
  });
});
