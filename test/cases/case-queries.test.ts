import type { Case } from '../../cases/case';
import type { CaseNumber } from '../../cases/case-number';
import { caseForRequester, casesOfRequester, MY_CASES_LIMIT } from '../../cases/case-queries';
import { describeEachBackend } from '../support/storage-backends';
import {
  CPR,
  FILED_AT,
  OTHER_STAFF,
  STAFF,
  UNKNOWN,
  openFilingWorld,
  type FilingWorld,
} from './filing-world';

describeEachBackend('reading cases as their requester', (backend) => {
  let world: FilingWorld;
  beforeEach(async () => {
    world = await openFilingWorld(backend.fresh());
  });
  afterEach(() => world.close());

  async function stored(caseNumber: CaseNumber): Promise<Case> {
    const found = await world.stores.cases.get(caseNumber);
    if (!found) throw new Error(`case ${caseNumber} is not stored`);
    return found;
  }

  describe('caseForRequester', () => {
    it('returns the case to the person who filed it', async () => {
      const caseNumber = await world.fileNew();
      expect(await caseForRequester(world.deps, caseNumber, STAFF)).toEqual(
        await stored(caseNumber),
      );
    });

    it("answers another user's case exactly as an unknown case number", async () => {
      const caseNumber = await world.fileNew();
      const othersCase = await caseForRequester(world.deps, caseNumber, OTHER_STAFF);
      const unknown = await caseForRequester(world.deps, UNKNOWN, OTHER_STAFF);
      expect(othersCase).toBeUndefined();
      expect(othersCase).toStrictEqual(unknown);
    });

    it('audits every read of a case as case.read by the reader', async () => {
      const caseNumber = await world.fileNew();
      world.clock.now = new Date('2026-11-29T08:00:00.000Z');
      await caseForRequester(world.deps, caseNumber, STAFF);
      await caseForRequester(world.deps, caseNumber, STAFF);
      const reads = (await world.stores.audit.forCase(caseNumber)).filter(
        (e) => e.action === 'case.read',
      );
      expect(reads).toEqual([
        {
          at: '2026-11-29T08:00:00.000Z',
          actor: { aadObjectId: STAFF.aadObjectId, name: STAFF.name },
          action: 'case.read',
          caseNumber,
          cprHash: world.deps.protection.hash(CPR),
          detail: 'status',
        },
        expect.objectContaining({ action: 'case.read', detail: 'status' }),
      ]);
    });
  });

  describe('casesOfRequester', () => {
    it("lists the requester's own cases newest first and none of anyone else's", async () => {
      const mine: CaseNumber[] = [];
      for (const [i, at] of ['10:00', '11:00', '12:00'].entries()) {
        world.clock.now = new Date(`2026-11-28T${at}:00.000Z`);
        mine.push(await world.fileForNextPerson());
        if (i === 1) await world.fileForNextPerson({ requester: OTHER_STAFF });
      }
      const listed = await casesOfRequester(world.deps, STAFF);
      expect(listed.map((c) => c.caseNumber)).toEqual([...mine].reverse());
      const theirs = await casesOfRequester(world.deps, OTHER_STAFF);
      expect(theirs.map((c) => c.caseNumber)).toEqual(['UL-2026-00003']);
    });

    it('lists nothing for someone who filed nothing', async () => {
      await world.fileNew();
      expect(await casesOfRequester(world.deps, OTHER_STAFF)).toEqual([]);
    });

    it(`lists at most the ${MY_CASES_LIMIT} newest cases`, async () => {
      const filed: CaseNumber[] = [];
      for (let i = 0; i < MY_CASES_LIMIT + 2; i += 1) {
        world.clock.now = new Date(FILED_AT.getTime() + i * 60_000);
        filed.push(await world.fileForNextPerson());
      }
      const listed = await casesOfRequester(world.deps, STAFF);
      expect(listed.map((c) => c.caseNumber)).toEqual(filed.slice(2).reverse());
    });

    it('audits the listing as a read of each listed case', async () => {
      const first = await world.fileForNextPerson();
      const second = await world.fileForNextPerson();
      await casesOfRequester(world.deps, STAFF);
      for (const caseNumber of [first, second]) {
        expect(await world.stores.audit.forCase(caseNumber)).toContainEqual(
          expect.objectContaining({
            action: 'case.read',
            caseNumber,
            actor: { aadObjectId: STAFF.aadObjectId, name: STAFF.name },
            detail: 'my cases',
          }),
        );
      }
    });
  });
});
