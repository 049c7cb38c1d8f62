import type { Stores } from '../../storage';
import { describeEachBackend, openStores } from '../support/storage-backends';

const DAY = '2026-12-01';
const T0 = Date.parse('2026-12-01T07:30:00.000Z');
const LEASE_MS = 5 * 60_000;
const at = (ms: number) => new Date(T0 + ms).toISOString();

describeEachBackend('digest markers contract', (backend) => {
  let stores: Stores;
  beforeEach(async () => {
    stores = await openStores(backend.fresh());
  });
  afterEach(() => stores.storage.close());

  const claim = (token: string, now: number, markers = stores.digests) =>
    markers.claim(DAY, token, at(now), at(now + LEASE_MS));

  it('gives a free day to the first claim and refuses others while its lease holds', async () => {
    expect(await claim('a', 0)).toBe(true);
    expect(await claim('b', 1000)).toBe(false);
    expect(await claim('a', LEASE_MS - 1)).toBe(false);
  });

  it('lets another instance take over a claim once its lease ran out', async () => {
    await claim('a', 0);
    expect(await claim('b', LEASE_MS)).toBe(true);
    expect(await claim('a', LEASE_MS + 1000)).toBe(false);
  });

  it('refuses every claim on a day whose digest was posted, even long after', async () => {
    await claim('a', 0);
    await stores.digests.markPosted(DAY, 'a', 3, at(1000));
    expect(await claim('b', LEASE_MS * 10)).toBe(false);
    expect(await claim('a', LEASE_MS * 10)).toBe(false);
  });

  it('ignores a posting by an instance that no longer holds the claim', async () => {
    await claim('a', 0);
    await claim('b', LEASE_MS + 1000);
    await stores.digests.markPosted(DAY, 'a', 1, at(LEASE_MS + 2000));
    // Had a's late posting counted, b's own claim would now be refused after its lease.
    expect(await claim('c', 2 * LEASE_MS + 2000)).toBe(true);
  });

  it('keeps the days apart', async () => {
    await claim('a', 0);
    await stores.digests.markPosted(DAY, 'a', 0, at(1000));
    expect(await stores.digests.claim('2026-12-02', 'a', at(1000), at(LEASE_MS))).toBe(true);
  });

  it('gives a day to exactly one of many claims from two instances at once', async () => {
    const where = backend.fresh();
    const [one, two] = await Promise.all([openStores(where), openStores(where)]);
    try {
      const won = await Promise.all(
        Array.from({ length: 20 }, (_, i) => claim(`t${i}`, i, (i % 2 ? one : two).digests)),
      );
      expect(won.filter(Boolean)).toHaveLength(1);
    } finally {
      await Promise.all([one.storage.close(), two.storage.close()]);
    }
  });
});
