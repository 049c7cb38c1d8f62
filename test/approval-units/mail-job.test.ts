import type { Case } from '../../cases/case';
import {
  claimJob,
  isDue,
  LEASE_MS,
  markMailFailed,
  markMailSent,
  MAX_BACKOFF_MS,
  recordUsername,
  type ClaimedJob,
} from '../../cases/mail-job';
import { aCase } from '../support/case-builder';
import { openWorld, type UnitWorld } from './world';

const T0 = new Date('2026-03-02T09:30:00.000Z');
const at = (ms: number) => new Date(T0.getTime() + ms);
const iso = (ms: number) => at(ms).toISOString();
const APPROVAL = {
  outcome: 'approved' as const,
  by: { aadObjectId: 'approver-1', name: 'Anna' },
  at: iso(0),
};

/** An approved case whose mail job waits until `nextAttemptAt`. */
const approved = (nextAttemptAt: string, attempts = 0): Case =>
  aCase({
    state: 'approved',
    decision: APPROVAL,
    outbox: { state: 'pending', attempts, nextAttemptAt },
  });

/** A case a worker holds until `leaseUntil`. */
const sending = (leaseUntil: string): Case =>
  aCase({
    state: 'sending',
    decision: APPROVAL,
    outbox: { state: 'sending', attempts: 1, nextAttemptAt: iso(-LEASE_MS), leaseUntil },
  });

let world: UnitWorld;
beforeEach(async () => {
  world = await openWorld(T0);
});
afterEach(() => world.close());

const stored = async (caseNumber: string) => (await world.stores.cases.get(caseNumber))?.value;
const audit = (caseNumber: string) => world.stores.storage.audit.forCase(caseNumber);
const claimed = async (value: Case): Promise<ClaimedJob> => {
  await world.file(value);
  const job = await claimJob(world.deps, value.caseNumber);
  if (!job) throw new Error('the job could not be claimed');
  return job;
};

describe('isDue', () => {
  it('is due for an approved case whose next attempt time has come', () => {
    expect(isDue(approved(iso(-1)), T0)).toBe(true);
    expect(isDue(approved(iso(0)), T0)).toBe(true);
  });

  it('is not due for an approved case whose next attempt is in the future', () => {
    expect(isDue(approved(iso(1)), T0)).toBe(false);
  });

  it('is due for a sending case whose lease ran out, and not while the lease holds', () => {
    expect(isDue(sending(iso(-1)), T0)).toBe(true);
    expect(isDue(sending(iso(1000)), T0)).toBe(false);
  });

  it.each(['filed', 'mail_sent', 'denied'] as const)('is never due in state %s', (state) => {
    const value = { ...approved(iso(-60_000)), state };
    expect(isDue(value, T0)).toBe(false);
  });
});

describe('claimJob', () => {
  it('takes a due job with a lease and counts the attempt', async () => {
    const job = await claimed(approved(iso(-1), 2));
    expect(job.replacesEarlier).toBe(false);
    const after = await stored(job.claimed.value.caseNumber);
    expect(after?.state).toBe('sending');
    expect(after?.outbox).toMatchObject({
      state: 'sending',
      attempts: 3,
      leaseUntil: iso(LEASE_MS),
    });
    expect(job.claimed.value).toEqual(after);
  });

  it('does not take a job that is not due yet', async () => {
    const value = await world.file(approved(iso(5000)));
    expect(await claimJob(world.deps, value.caseNumber)).toBeUndefined();
    expect(await stored(value.caseNumber)).toEqual(value);
  });

  it('does not take a job of an unknown case', async () => {
    expect(await claimJob(world.deps, 'UL-2026-99999')).toBeUndefined();
  });

  it('lets exactly one of two parallel claims win', async () => {
    const value = await world.file(approved(iso(-1)));
    const results = await Promise.all([
      claimJob(world.deps, value.caseNumber),
      claimJob(world.deps, value.caseNumber),
    ]);
    expect(results.filter((r) => r !== undefined)).toHaveLength(1);
    expect((await stored(value.caseNumber))?.outbox?.attempts).toBe(1);
  });

  it('takes over a job whose lease ran out and says an earlier mail may have gone', async () => {
    const job = await claimed(sending(iso(-1)));
    expect(job.replacesEarlier).toBe(true);
    expect(job.claimed.value.outbox).toMatchObject({ attempts: 2, leaseUntil: iso(LEASE_MS) });
  });

  it('does not take a job while another worker holds its lease', async () => {
    const value = await world.file(sending(iso(LEASE_MS)));
    expect(await claimJob(world.deps, value.caseNumber)).toBeUndefined();
  });
});

describe('markMailSent', () => {
  it('closes the case with the time sent and audits it', async () => {
    const job = await claimed(approved(iso(-1)));
    world.setNow(at(3000));
    const closed = await markMailSent(world.deps, job, '<m1@example>');
    const after = await stored(job.claimed.value.caseNumber);
    expect(closed).toEqual(after);
    expect(after?.state).toBe('mail_sent');
    expect(after?.outbox?.state).toBe('sent');
    expect(after?.outbox).not.toHaveProperty('leaseUntil');
    expect(after?.mail).toEqual({ sentAt: iso(3000), messageId: '<m1@example>' });
    expect((await audit(job.claimed.value.caseNumber)).map((e) => e.action)).toEqual([
      'case.mail_sent',
    ]);
  });

  it('forgets the error of an earlier failed attempt once the mail is sent', async () => {
    const job = await claimed(approved(iso(-1)));
    await markMailFailed(world.deps, job, 'timeout');
    world.setNow(at(MAX_BACKOFF_MS));
    const retry = await claimJob(world.deps, job.claimed.value.caseNumber);
    expect(retry?.claimed.value.outbox?.lastError).toBe('timeout');
    const closed = await markMailSent(world.deps, retry!, undefined);
    expect(closed?.outbox).not.toHaveProperty('lastError');
    expect(closed?.mail).toEqual({ sentAt: iso(MAX_BACKOFF_MS) });
  });

  it('changes nothing when another worker took the job over meanwhile', async () => {
    const first = await claimed(approved(iso(-1)));
    world.setNow(at(LEASE_MS + 1));
    const second = await claimJob(world.deps, first.claimed.value.caseNumber);
    expect(second?.replacesEarlier).toBe(true);
    expect(await markMailSent(world.deps, first, undefined)).toBeUndefined();
    expect((await stored(first.claimed.value.caseNumber))?.state).toBe('sending');
  });
});

describe('markMailFailed', () => {
  it('puts the job back as approved with the error and a later attempt, and audits it', async () => {
    const job = await claimed(approved(iso(-1)));
    await markMailFailed(world.deps, job, 'connection refused');
    const after = await stored(job.claimed.value.caseNumber);
    expect(after?.state).toBe('approved');
    expect(after?.outbox).toMatchObject({ state: 'pending', lastError: 'connection refused' });
    expect(after?.outbox).not.toHaveProperty('leaseUntil');
    expect(after!.outbox!.nextAttemptAt > T0.toISOString()).toBe(true);
    expect(isDue(after!, T0)).toBe(false);
    const entries = await audit(job.claimed.value.caseNumber);
    expect(entries).toEqual([
      expect.objectContaining({ action: 'mail.failed', detail: 'connection refused' }),
    ]);
  });

  it('leaves the case alone when another worker took the job over meanwhile', async () => {
    const first = await claimed(approved(iso(-1)));
    world.setNow(at(LEASE_MS + 1));
    const second = await claimJob(world.deps, first.claimed.value.caseNumber);
    await markMailFailed(world.deps, first, 'timeout');
    expect(await stored(first.claimed.value.caseNumber)).toEqual(second?.claimed.value);
  });

  const waitAfter = async (attemptsBefore: number) => {
    const job = await claimed(approved(iso(-1), attemptsBefore));
    await markMailFailed(world.deps, job, 'timeout');
    const after = await stored(job.claimed.value.caseNumber);
    return Date.parse(after!.outbox!.nextAttemptAt) - T0.getTime();
  };

  it('waits twice as long after each further failure', async () => {
    const waits = [await waitAfter(0), await waitAfter(1), await waitAfter(2)];
    expect(waits[0]).toBeGreaterThan(0);
    expect(waits[1]).toBe(2 * waits[0]!);
    expect(waits[2]).toBe(2 * waits[1]!);
  });

  it('never waits longer than MAX_BACKOFF_MS', async () => {
    expect(await waitAfter(12)).toBe(MAX_BACKOFF_MS);
    expect(await waitAfter(200)).toBe(MAX_BACKOFF_MS);
  });

  it('makes the job due again once the wait is over', async () => {
    const job = await claimed(approved(iso(-1)));
    await markMailFailed(world.deps, job, 'timeout');
    const after = await stored(job.claimed.value.caseNumber);
    expect(isDue(after!, at(MAX_BACKOFF_MS))).toBe(true);
  });
});

describe('recordUsername', () => {
  it('keeps the issued username on the claimed case', async () => {
    const job = await claimed(approved(iso(-1)));
    const updated = await recordUsername(world.deps, job, 'kbmt4821');
    expect(updated?.claimed.value.username).toBe('kbmt4821');
    expect((await stored(job.claimed.value.caseNumber))?.username).toBe('kbmt4821');
    expect(updated?.replacesEarlier).toBe(job.replacesEarlier);
  });

  it('lets the job be closed after the username is recorded', async () => {
    const job = await claimed(approved(iso(-1)));
    const updated = await recordUsername(world.deps, job, 'kbmt4821');
    const closed = await markMailSent(world.deps, updated!, undefined);
    expect(closed).toMatchObject({ state: 'mail_sent', username: 'kbmt4821' });
  });

  it('changes nothing when the job was taken over meanwhile', async () => {
    const first = await claimed(approved(iso(-1)));
    world.setNow(at(LEASE_MS + 1));
    await claimJob(world.deps, first.claimed.value.caseNumber);
    expect(await recordUsername(world.deps, first, 'kbmt4821')).toBeUndefined();
    expect((await stored(first.claimed.value.caseNumber))?.username).toBeUndefined();
  });
});
