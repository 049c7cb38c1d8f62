import type { Case } from '../../cases/case';
import type { CaseNumber } from '../../cases/case-number';
import type { Cvr } from '../../cases/cvr';
import {
  checkForDuplicates,
  duplicateWarning,
  MAX_DUPLICATE_CPRS,
  otherCasesOfSubject,
  type DuplicateWarning,
} from '../../cases/duplicate-guard';
import { askRequester } from '../../cases/information-request';
import { fileCase, reserveCaseNumber, type CaseRequest } from '../../cases/file-case';
import { purgeExpiredCases } from '../../cases/retention';
import { describeEachBackend } from '../support/storage-backends';
import {
  APPROVER,
  CPR,
  CVR,
  FILED_AT,
  OTHER_CPR,
  OTHER_STAFF,
  STAFF,
  nextPersonsCpr,
  openFilingWorld,
  type FilingWorld,
} from './filing-world';

const OTHER_CVR = '29403473' as Cvr;
const DAY_MS = 24 * 60 * 60 * 1000;
const REASON = 'Forældremyndigheden er delt; ny login til den anden skole';
const despite = { request: { kind: 'new', duplicateReason: REASON } } as const;

describeEachBackend('the duplicate guard', (backend) => {
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
  const daysLater = (days: number) =>
    (world.clock.now = new Date(world.clock.now.getTime() + days * DAY_MS));
  const claim = (cvr: Cvr = CVR, except?: CaseNumber) => ({
    cprHash: world.deps.protection.hash(CPR),
    cvr,
    ...(except ? { except } : {}),
  });
  const warningFor = (cvr: Cvr = CVR, except?: CaseNumber) =>
    duplicateWarning(world.deps, claim(cvr, except), STAFF);
  /** Reserves a number and files the request under it, whatever the outcome. */
  async function file(request: CaseRequest) {
    const caseNumber = await reserveCaseNumber(world.deps);
    return { caseNumber, outcome: await fileCase(world.deps, caseNumber, request) };
  }
  /** An issued new login for CPR at CVR, filed and sent now. */
  async function issued(request = world.newCaseRequest()): Promise<CaseNumber> {
    const caseNumber = await world.fileNew(request);
    await world.markIssued(caseNumber, 'abcd1234');
    return caseNumber;
  }

  it('warns of a CPR with an issued login, and offers it for a forgotten login', async () => {
    const sent = await issued();
    expect(await warningFor()).toEqual<DuplicateWarning>({
      own: [
        {
          caseNumber: sent,
          state: 'mail_sent',
          filedAt: FILED_AT.toISOString(),
          closedAt: FILED_AT.toISOString(),
        },
      ],
      forgettable: [sent],
      elsewhere: 0,
    });
  });

  it('warns of a CPR with an open case, which cannot be forgotten yet', async () => {
    const open = await world.fileNew();
    expect(await warningFor()).toEqual<DuplicateWarning>({
      own: [{ caseNumber: open, state: 'filed', filedAt: FILED_AT.toISOString() }],
      forgettable: [],
      elsewhere: 0,
    });
  });

  it('warns of a case that waits for the answer to a question', async () => {
    const waiting = await world.fileNew();
    await askRequester(world.deps, waiting, APPROVER, 'Hvem er modtageren?');
    expect((await warningFor())?.own).toEqual([
      expect.objectContaining({ caseNumber: waiting, state: 'info_requested' }),
    ]);
  });

  it('has no warning for a CPR without cases, nor for another CPR', async () => {
    expect(await warningFor()).toBeUndefined();
    await issued(world.newCaseRequest({}, OTHER_CPR));
    expect(await warningFor()).toBeUndefined();
  });

  it("names the own institution's cases by number and only counts another institution's", async () => {
    const theirs = await issued(world.newCaseRequest({ cvr: OTHER_CVR, requester: OTHER_STAFF }));
    daysLater(1);
    const mine = await world.fileNew(world.newCaseRequest(despite));
    const warning = await warningFor();
    expect(warning).toEqual({
      own: [expect.objectContaining({ caseNumber: mine, state: 'filed' })],
      forgettable: [],
      elsewhere: 1,
    });
    expect(JSON.stringify(warning)).not.toContain(theirs);
  });

  it("audits each own case shown as a read by the reader, and none of another institution's", async () => {
    const theirs = await issued(world.newCaseRequest({ cvr: OTHER_CVR, requester: OTHER_STAFF }));
    const mine = await world.fileNew(world.newCaseRequest(despite));
    await warningFor();
    const reads = async (caseNumber: CaseNumber) =>
      (await world.stores.audit.forCase(caseNumber)).filter((e) => e.action === 'case.read');
    expect(await reads(mine)).toEqual([
      {
        at: FILED_AT.toISOString(),
        actor: { aadObjectId: STAFF.aadObjectId, name: STAFF.name },
        action: 'case.read',
        caseNumber: mine,
        cprHash: world.deps.protection.hash(CPR),
        detail: 'shown as an earlier case of the same CPR before a new login',
      },
    ]);
    expect(await reads(theirs)).toEqual([]);
  });

  it('offers for a forgotten login only own issued cases that were not erased', async () => {
    const erased = await issued();
    daysLater(100);
    expect(
      await purgeExpiredCases({ cases: world.stores.cases, retentionDays: 90 }, world.clock.now),
    ).toBe(1);
    const sent = await issued(world.newCaseRequest(despite));
    const open = await world.fileNew(world.newCaseRequest(despite));
    await issued(world.newCaseRequest({ ...despite, cvr: OTHER_CVR, requester: OTHER_STAFF }));
    const warning = await warningFor();
    expect(warning?.own.map((c) => c.caseNumber)).toEqual([erased, sent, open]);
    expect(warning?.forgettable).toEqual([sent]);
    expect(warning?.elsewhere).toBe(1);
  });

  it('lets a denied case not block a new login', async () => {
    const denied = await world.fileNew();
    await world.deny(denied);
    expect(await warningFor()).toBeUndefined();
    const { outcome } = await file(world.newCaseRequest());
    expect(outcome.outcome).toBe('filed');
  });

  it('refuses to file a new login without a reason as duplicate, and writes nothing', async () => {
    const sent = await issued();
    const { caseNumber, outcome } = await file(world.newCaseRequest());
    expect(outcome).toEqual({
      outcome: 'duplicate',
      warning: {
        own: [expect.objectContaining({ caseNumber: sent, state: 'mail_sent' })],
        forgettable: [sent],
        elsewhere: 0,
      },
    });
    expect(await world.stores.cases.get(caseNumber)).toBeUndefined();
    expect(await world.stores.jobs.forCase(caseNumber)).toEqual([]);
  });

  it('files a new login with the reason staff gave for going on', async () => {
    await issued();
    const { caseNumber, outcome } = await file(world.newCaseRequest(despite));
    expect(outcome).toEqual({ outcome: 'filed', caseNumber });
    expect((await stored(caseNumber)).request).toEqual({ kind: 'new', duplicateReason: REASON });
  });

  it('does not block a forgotten login on the issued case', async () => {
    const sent = await issued();
    const { outcome } = await file(world.forgottenRequest(sent));
    expect(outcome.outcome).toBe('filed');
  });

  it('still finds an issued case after retention erased it', async () => {
    const sent = await issued();
    world.clock.now = new Date(FILED_AT.getTime() + 400 * DAY_MS);
    await purgeExpiredCases({ cases: world.stores.cases, retentionDays: 90 }, world.clock.now);
    expect((await stored(sent)).subject).toMatchObject({ erased: true });
    expect(await warningFor()).toEqual({
      own: [expect.objectContaining({ caseNumber: sent, state: 'mail_sent' })],
      forgettable: [],
      elsewhere: 0,
    });
    const { outcome } = await file(world.newCaseRequest());
    expect(outcome.outcome).toBe('duplicate');
  });

  it('does not count a retried filing of the same reserved number as its own duplicate', async () => {
    const caseNumber = await reserveCaseNumber(world.deps);
    const request = world.newCaseRequest();
    expect(await fileCase(world.deps, caseNumber, request)).toEqual({
      outcome: 'filed',
      caseNumber,
    });
    world.clock.now = new Date(FILED_AT.getTime() + 60_000);
    expect(await fileCase(world.deps, caseNumber, request)).toEqual({
      outcome: 'filed',
      caseNumber,
    });
    expect(await warningFor(CVR, caseNumber)).toBeUndefined();
    expect((await warningFor())?.own.map((c) => c.caseNumber)).toEqual([caseNumber]);
    expect(await world.stores.cases.listByRequester(STAFF.aadObjectId, 10)).toHaveLength(1);
  });

  it('lists every other case of the CPR for the approval card, oldest first, denied ones too', async () => {
    const denied = await world.fileNew();
    await world.deny(denied);
    daysLater(1);
    const sent = await issued();
    daysLater(1);
    const current = await world.fileNew(world.newCaseRequest(despite));
    await issued(world.newCaseRequest({}, OTHER_CPR));
    const others = await otherCasesOfSubject(world.deps, await stored(current));
    expect(others).toEqual([
      expect.objectContaining({
        caseNumber: denied,
        state: 'denied',
        closedAt: FILED_AT.toISOString(),
      }),
      expect.objectContaining({ caseNumber: sent, state: 'mail_sent' }),
    ]);
  });

  describe('its limit, so that it cannot be used to test CPR numbers', () => {
    const hashOf = (n: number) => world.deps.protection.hash(nextPersonsCpr(n));
    const check = (n: number, by = STAFF) =>
      checkForDuplicates(world.deps, { cprHash: hashOf(n), cvr: CVR }, by);

    it('warns again about the same CPR without counting it twice', async () => {
      await world.fileForNextPerson();
      for (let i = 0; i < MAX_DUPLICATE_CPRS + 2; i++) {
        expect((await check(1)).outcome).toBe('warning');
      }
    });

    it('after warnings about ten CPRs, looks up nothing for that user for 24 hours, audited', async () => {
      for (let n = 1; n <= MAX_DUPLICATE_CPRS + 1; n++) await world.fileForNextPerson();
      for (let n = 1; n <= MAX_DUPLICATE_CPRS; n++)
        expect((await check(n)).outcome).toBe('warning');
      // Locked alike for a CPR with cases and for one without: the answer tells nothing.
      expect(await check(MAX_DUPLICATE_CPRS + 1)).toEqual({ outcome: 'locked' });
      expect(await check(MAX_DUPLICATE_CPRS + 50)).toEqual({ outcome: 'locked' });
      expect((await check(MAX_DUPLICATE_CPRS + 1, OTHER_STAFF)).outcome).toBe('warning');
      const audit = await world.stores.audit.forSubject(hashOf(MAX_DUPLICATE_CPRS + 50), []);
      expect(audit).toEqual([
        expect.objectContaining({
          action: 'duplicate.refused',
          actor: expect.objectContaining({ aadObjectId: STAFF.aadObjectId }),
        }),
      ]);
      daysLater(1.01);
      expect((await check(MAX_DUPLICATE_CPRS + 1)).outcome).toBe('warning');
    });

    it('refuses a locked user at filing too', async () => {
      for (let n = 1; n <= MAX_DUPLICATE_CPRS; n++) {
        await world.fileForNextPerson();
        await check(n);
      }
      const request = world.newCaseRequest({}, nextPersonsCpr(MAX_DUPLICATE_CPRS + 7));
      expect((await file(request)).outcome).toEqual({ outcome: 'duplicateLocked' });
    });
  });
});
