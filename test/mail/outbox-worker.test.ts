import { builtInIssuer } from '../../cases/credentials';
import { OutboxWorker } from '../../mail/outbox-worker';
import { directory, openWorld, type UnitWorld } from '../approval-units/world';
import { until } from '../support/until';

/** An outbox worker that counts how often it looks for due jobs. */
class CountingWorker extends OutboxWorker {
  passes = 0;
  override kick(): Promise<void> {
    this.passes += 1;
    return super.kick();
  }
}

describe('OutboxWorker.kickSoon', () => {
  let world: UnitWorld;
  let worker: CountingWorker;
  beforeEach(async () => {
    world = await openWorld(new Date('2026-03-01T10:00:00Z'));
    // Not started: no polling, so every pass comes from a kick.
    worker = new CountingWorker({
      workflow: world.deps,
      issuer: builtInIssuer(world.stores.usernames),
      mailer: { send: () => Promise.reject(new Error('no mail is due in these tests')) },
      institutions: directory,
      onMailSent: async () => undefined,
      onError: (error) => {
        throw error;
      },
    });
  });
  afterEach(async () => {
    await worker.stop();
    await world.close();
  });

  it('looks for due jobs once, shortly after a burst of approvals', async () => {
    for (let i = 0; i < 20; i++) worker.kickSoon();
    expect(worker.passes).toBe(0);

    await until(() => worker.passes === 1, 2000);
    await new Promise((resolve) => setTimeout(resolve, 300));

    expect(worker.passes).toBe(1);
  });

  it('looks again for an approval that comes after the pass', async () => {
    worker.kickSoon();
    await until(() => worker.passes === 1, 2000);

    worker.kickSoon();

    await until(() => worker.passes === 2, 2000);
  });

  it('looks within a second even while approvals keep coming', async () => {
    const stream = setInterval(() => worker.kickSoon(), 50);
    try {
      await until(() => worker.passes >= 1, 1500);
    } finally {
      clearInterval(stream);
    }
  });

  it('does not look once stopped', async () => {
    worker.kickSoon();
    await worker.stop();
    await new Promise((resolve) => setTimeout(resolve, 300));

    expect(worker.passes).toBe(0);
  });
});
