import { EffectsWorker } from '../../cases/effects-worker';
import { openWorld, quietLog, type UnitWorld } from '../approval-units/world';
import { until } from '../support/until';

const noJob = () => Promise.reject(new Error('no job is due in these tests'));

/** An effects worker that counts how often it looks for due jobs. */
class CountingWorker extends EffectsWorker {
  passes = 0;
  override kick(): Promise<number> {
    this.passes += 1;
    return super.kick();
  }
}

/**
 * After an approval the bot asks the worker to look for the new mail job "soon", so that a
 * burst of approvals is answered first and its mail sent in one pass.
 */
describe('EffectsWorker.kickSoon', () => {
  let world: UnitWorld;
  const workers: CountingWorker[] = [];
  /** A worker that is not started: no polling, so every pass comes from a kick. */
  const aWorker = () => {
    const worker = new CountingWorker(
      world.stores.jobs,
      {
        postCard: noJob,
        updateCard: noJob,
        tellRequester: noJob,
        sendMail: noJob,
        audit: noJob,
        alertSupport: noJob,
        replyInThread: noJob,
      },
      quietLog,
      { pollMs: 60_000, leaseMs: 60_000, now: () => new Date() },
    );
    workers.push(worker);
    return worker;
  };

  beforeEach(async () => {
    world = await openWorld(new Date('2026-03-01T10:00:00Z'));
  });
  afterEach(async () => {
    for (const worker of workers.splice(0)) await worker.stop();
    await world.close();
  });

  it('looks for due jobs once, shortly after a burst of approvals', async () => {
    const worker = aWorker();
    for (let i = 0; i < 20; i++) worker.kickSoon();
    expect(worker.passes).toBe(0);
    await until(() => worker.passes === 1, 2000);

    // A later ask is answered after anything the burst could still have had scheduled.
    worker.kickSoon();
    await until(() => worker.passes >= 2, 2000);
    expect(worker.passes).toBe(2);
  });

  it('looks again for an approval that comes after the pass', async () => {
    const worker = aWorker();
    worker.kickSoon();
    await until(() => worker.passes === 1, 2000);

    worker.kickSoon();

    await until(() => worker.passes === 2, 2000);
  });

  it('looks within a second even while approvals keep coming', async () => {
    const worker = aWorker();
    const stream = setInterval(() => worker.kickSoon(), 50);
    try {
      await until(() => worker.passes >= 1, 1500);
    } finally {
      clearInterval(stream);
    }
  });

  it('does not look once stopped', async () => {
    const worker = aWorker();
    worker.kickSoon();
    await worker.stop();

    // Another worker asked later is answered after the stopped one would have been.
    const witness = aWorker();
    witness.kickSoon();
    await until(() => witness.passes === 1, 2000);
    expect(worker.passes).toBe(0);
  });
});
