import { protectedCprOf, type Case } from '../../cases/case';
import type { CaseNumber } from '../../cases/case-number';
import type { Cvr } from '../../cases/cvr';
import { casesOfRequester } from '../../cases/case-queries';
import { earlierCaseMatches, fileCase, reserveCaseNumber } from '../../cases/file-case';
import { rawStoredData } from '../support/raw-storage';
import { describeEachBackend } from '../support/storage-backends';
import {
  APPROVER,
  CPR,
  CVR,
  FILED_AT,
  OTHER_CPR,
  OTHER_STAFF,
  STAFF,
  UNKNOWN,
  openFilingWorld,
  type FilingWorld,
} from './filing-world';

describeEachBackend('fileCase', (backend) => {
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

  const jobKinds = async (caseNumber: CaseNumber) =>
    (await world.stores.jobs.forCase(caseNumber)).map((job) => job.kind).sort();

  it('files a new case under a UL-YYYY-NNNNN number as filed by the requester', async () => {
    const caseNumber = await reserveCaseNumber(world.deps);
    expect(caseNumber).toMatch(/^UL-2026-\d{5}$/);
    const outcome = await fileCase(world.deps, caseNumber, world.newCaseRequest());
    expect(outcome).toEqual({ outcome: 'filed', caseNumber });
    expect(await stored(caseNumber)).toEqual({
      caseNumber,
      request: { kind: 'new' },
      subject: expect.any(Object),
      institution: { cvr: CVR, recipient: 'Åse Ørum-Jæger' },
      requester: STAFF,
      filedAt: FILED_AT.toISOString(),
      failures: [],
      state: 'filed',
    });
  });

  it('queues the card for the support channel and the audit entry in the same write', async () => {
    const caseNumber = await world.fileNew();
    expect(await jobKinds(caseNumber)).toEqual(['audit', 'postCard']);
    expect(world.queued.map((jobs) => jobs.map((job) => job.kind).sort())).toEqual([
      ['audit', 'postCard'],
    ]);
  });

  it('keeps the CPR encrypted, hashed and masked, and decryptable with the same keys', async () => {
    const value = await stored(await world.fileNew());
    const subject = protectedCprOf(value)!;
    expect(subject.cprMasked).toBe('010190-****');
    expect(subject.cprHash).toBe(world.deps.protection.hash(CPR));
    expect(world.deps.protection.decrypt(subject.cprEncrypted)).toBe(CPR);
  });

  it('numbers cases one after another within the year of filing', async () => {
    expect(await world.fileForNextPerson()).toBe('UL-2026-00001');
    expect(await world.fileForNextPerson()).toBe('UL-2026-00002');
    world.clock.now = new Date('2027-01-01T00:00:00.000Z');
    expect(await world.fileForNextPerson()).toBe('UL-2027-00001');
  });

  it('stores no CPR digits in clear anywhere in the store, only the masked form', async () => {
    const caseNumber = await world.fileNew();
    await world.runAuditJobs();
    expect((await world.stores.audit.forCase(caseNumber)).length).toBeGreaterThan(0);
    const raw = await rawStoredData(world.where);
    expect(raw).toContain('010190-****');
    for (const clear of ['0101901234', '010190-1234']) {
      expect(raw).not.toContain(clear);
    }
  });

  it('writes case.filed to the audit log, with the requester and the CPR hash only, when its job runs', async () => {
    const caseNumber = await world.fileNew();
    expect(await world.stores.audit.forCase(caseNumber)).toEqual([]);
    await world.runAuditJobs();
    await world.runAuditJobs();
    expect(await world.stores.audit.forCase(caseNumber)).toEqual([
      {
        at: FILED_AT.toISOString(),
        actor: { aadObjectId: STAFF.aadObjectId, name: STAFF.name },
        action: 'case.filed',
        caseNumber,
        cprHash: world.deps.protection.hash(CPR),
      },
    ]);
  });

  describe('filed again under the same reserved number', () => {
    it('gives one case and one postCard job, and keeps the first filing', async () => {
      const caseNumber = await reserveCaseNumber(world.deps);
      const first = await fileCase(world.deps, caseNumber, world.newCaseRequest());
      world.clock.now = new Date(FILED_AT.getTime() + 60_000);
      const again = world.newCaseRequest({ recipient: 'Someone Else' });
      const second = await fileCase(world.deps, caseNumber, again);
      expect(first).toEqual({ outcome: 'filed', caseNumber });
      expect(second).toEqual({ outcome: 'filed', caseNumber });
      expect(await world.stores.cases.listByRequester(STAFF.aadObjectId, 10)).toHaveLength(1);
      expect(await stored(caseNumber)).toMatchObject({
        filedAt: FILED_AT.toISOString(),
        institution: { recipient: 'Åse Ørum-Jæger' },
      });
      expect(await jobKinds(caseNumber)).toEqual(['audit', 'postCard']);
      expect(world.queued).toHaveLength(1);
    });

    it('gives one case and one postCard job when both confirmations arrive at once', async () => {
      const caseNumber = await reserveCaseNumber(world.deps);
      const outcomes = await Promise.all(
        Array.from({ length: 5 }, () => fileCase(world.deps, caseNumber, world.newCaseRequest())),
      );
      expect(new Set(outcomes.map((o) => JSON.stringify(o)))).toEqual(
        new Set([JSON.stringify({ outcome: 'filed', caseNumber })]),
      );
      expect(await world.stores.cases.listByRequester(STAFF.aadObjectId, 10)).toHaveLength(1);
      expect(await jobKinds(caseNumber)).toEqual(['audit', 'postCard']);
      await world.runAuditJobs();
      const audit = await world.stores.audit.forCase(caseNumber);
      expect(audit.filter((entry) => entry.action === 'case.filed')).toHaveLength(1);
    });

    it("throws when the number is already another requester's case, and changes nothing", async () => {
      const caseNumber = await reserveCaseNumber(world.deps);
      await fileCase(world.deps, caseNumber, world.newCaseRequest());
      const theirs = world.newCaseRequest({ requester: OTHER_STAFF }, OTHER_CPR);
      await expect(fileCase(world.deps, caseNumber, theirs)).rejects.toThrow(/reserved twice/);
      expect((await stored(caseNumber)).requester).toEqual(STAFF);
      expect(await jobKinds(caseNumber)).toEqual(['audit', 'postCard']);
      expect(await world.stores.cases.listByRequester(OTHER_STAFF.aadObjectId, 10)).toEqual([]);
    });
  });

  describe('a forgotten-login case', () => {
    async function refused(earlier: CaseNumber, cpr = CPR) {
      const caseNumber = await reserveCaseNumber(world.deps);
      const outcome = await fileCase(world.deps, caseNumber, world.forgottenRequest(earlier, cpr));
      expect(outcome).toEqual({ outcome: 'earlierCaseMismatch' });
      expect(await world.stores.cases.get(caseNumber)).toBeUndefined();
      expect(await world.stores.jobs.forCase(caseNumber)).toEqual([]);
    }

    it('is refused when the earlier case does not exist', async () => {
      await refused(UNKNOWN);
      expect(await casesOfRequester(world.deps, STAFF)).toEqual([]);
    });

    it('is refused when the earlier case is only filed, with no credentials issued', async () => {
      await refused(await world.fileNew());
    });

    it('is refused when the earlier case was mailed but has no username', async () => {
      const earlier = await world.fileNew();
      await world.markIssued(earlier, undefined);
      await refused(earlier);
    });

    it('is refused when the earlier case was denied', async () => {
      const earlier = await world.fileNew();
      await world.deny(earlier);
      await refused(earlier);
    });

    it('is refused when the earlier case is about another CPR number', async () => {
      const earlier = await world.fileNew(world.newCaseRequest({}, OTHER_CPR));
      await world.markIssued(earlier, 'abcd1234');
      await refused(earlier, CPR);
    });

    it('is filed when the earlier case sent credentials to the same CPR number', async () => {
      const earlier = await world.fileNew();
      await world.markIssued(earlier, 'abcd1234');
      const caseNumber = await world.fileNew(world.forgottenRequest(earlier));
      expect(caseNumber).toBe('UL-2026-00002');
      expect(await stored(caseNumber)).toMatchObject({
        request: { kind: 'forgotten', requested: 'both', earlierCaseNumber: earlier },
        state: 'filed',
        requester: STAFF,
      });
    });

    it('is filed when the earlier case was stored directly as mailed with a username', async () => {
      const template = await stored(await world.fileNew());
      const earlier: Case = {
        ...template,
        caseNumber: 'UL-2025-00042' as CaseNumber,
        filedAt: '2025-03-01T09:00:00.000Z',
        state: 'mail_sent',
        decision: { by: APPROVER, at: '2025-03-01T10:00:00.000Z' },
        mail: { sentAt: '2025-03-02T09:00:00.000Z', username: 'hans1234' },
      };
      expect(await world.stores.cases.create(earlier, [])).toEqual({
        created: true,
        case: earlier,
      });
      await world.fileNew(world.forgottenRequest(earlier.caseNumber));
    });

    it('audits the look-up of the earlier case, whatever the answer', async () => {
      const earlier = await world.fileNew();
      await refused(earlier);
      await refused(UNKNOWN);
      for (const caseNumber of [earlier, UNKNOWN]) {
        expect(await world.stores.audit.forCase(caseNumber)).toContainEqual(
          expect.objectContaining({
            action: 'case.read',
            actor: { aadObjectId: STAFF.aadObjectId, name: STAFF.name },
            cprHash: world.deps.protection.hash(CPR),
          }),
        );
      }
    });
  });

  describe('earlierCaseMatches', () => {
    it('answers true only for an issued case of the same institution about the same CPR number', async () => {
      const earlier = await world.fileNew();
      const claim = (earlierCaseNumber: CaseNumber, cpr = CPR, cvr = CVR) => ({
        earlierCaseNumber,
        cprHash: world.deps.protection.hash(cpr),
        cvr,
      });
      expect(await earlierCaseMatches(world.deps, claim(earlier), STAFF)).toBe(false);
      await world.markIssued(earlier, 'abcd1234');
      expect(await earlierCaseMatches(world.deps, claim(earlier), STAFF)).toBe(true);
      expect(await earlierCaseMatches(world.deps, claim(earlier, OTHER_CPR), STAFF)).toBe(false);
      expect(await earlierCaseMatches(world.deps, claim(UNKNOWN), STAFF)).toBe(false);
      const otherCvr = '29403473' as Cvr;
      expect(await earlierCaseMatches(world.deps, claim(earlier, CPR, otherCvr), STAFF)).toBe(
        false,
      );
    });
  });
});
