import { reserveCaseNumber } from '../../cases/file-case';
import { mayFile } from '../../cases/filing-limit';
import { describeEachBackend } from '../support/storage-backends';
import { OTHER_STAFF, STAFF, openFilingWorld, type FilingWorld } from './filing-world';

describeEachBackend('the filing rate limit', (backend) => {
  let world: FilingWorld;
  beforeEach(async () => {
    world = await openFilingWorld(backend.fresh());
  });
  afterEach(() => world.close());

  const minutesLater = (minutes: number) =>
    (world.clock.now = new Date(world.clock.now.getTime() + minutes * 60_000));

  it('lets a staff member file up to the limit in an hour, and refuses and audits the next', async () => {
    await world.fileForNextPerson();
    minutesLater(10);
    await world.fileForNextPerson();
    const next = await reserveCaseNumber(world.deps);
    expect(await mayFile(world.deps, STAFF, next, 2)).toBe(false);
    const audit = await world.stores.audit.forCase(next);
    expect(audit.map((e) => e.action)).toEqual(['case.file.refused']);
  });

  it('counts only the last hour, and only the staff member’s own cases', async () => {
    await world.fileForNextPerson();
    minutesLater(10);
    await world.fileForNextPerson();
    const next = await reserveCaseNumber(world.deps);
    expect(await mayFile(world.deps, OTHER_STAFF, next, 2)).toBe(true);
    minutesLater(51);
    expect(await mayFile(world.deps, STAFF, next, 2)).toBe(true);
  });

  it('lets a retried confirm of a case already filed through, even at the limit', async () => {
    await world.fileForNextPerson();
    const second = await world.fileForNextPerson();
    expect(await mayFile(world.deps, STAFF, second, 2)).toBe(true);
  });
});
