import type { Requester } from '../../cases/case';
import type { CaseNumber } from '../../cases/case-number';
import type { Cpr } from '../../cases/cpr';
import type { Cvr } from '../../cases/cvr';
import { checkEarlierCase, fileCase, reserveCaseNumber } from '../../cases/file-case';
import {
  MAX_WRONG_TRIES,
  recordWrongTry,
  TRY_WINDOW_MS,
  caseTryKey,
  userTryKey,
} from '../../cases/forgotten-login-guard';
import { openStores } from '../../storage';
import { describeEachBackend } from '../support/storage-backends';
import { testWorkflow } from '../support/test-workflow';
import {
  CPR,
  CVR,
  FILED_AT,
  OTHER_CPR,
  STAFF,
  openFilingWorld,
  type FilingWorld,
} from './filing-world';

const OTHER_CVR = '29403473' as Cvr;
const attacker = (n: number): Requester => ({
  aadObjectId: `attacker-${n}`,
  name: `Attacker ${n}`,
});
const unknownNumber = (n: number) => `UL-2026-0${9000 + n}` as CaseNumber;

describeEachBackend('the forgotten-login guard', (backend) => {
  let world: FilingWorld;
  let earlier: CaseNumber;
  beforeEach(async () => {
    world = await openFilingWorld(backend.fresh());
    earlier = await world.fileNew();
    await world.markIssued(earlier, 'abcd1234');
  });
  afterEach(() => world.close());

  const claim = (earlierCaseNumber: CaseNumber, cpr: Cpr = OTHER_CPR, cvr: Cvr = CVR) => ({
    earlierCaseNumber,
    cprHash: world.deps.protection.hash(cpr),
    cvr,
  });
  const alerts = async (caseNumber: CaseNumber) =>
    (await world.stores.jobs.forCase(caseNumber)).filter((job) => job.kind === 'alertSupport');
  const later = (ms: number) => (world.clock.now = new Date(world.clock.now.getTime() + ms));

  it('answers match for the right CPR and CVR, mismatch for another institution or CPR', async () => {
    expect(await checkEarlierCase(world.deps, claim(earlier, CPR), STAFF)).toBe('match');
    expect(await checkEarlierCase(world.deps, claim(earlier, CPR, OTHER_CVR), attacker(1))).toBe(
      'mismatch',
    );
    expect(await checkEarlierCase(world.deps, claim(earlier), STAFF)).toBe('mismatch');
  });

  it('locks the earlier case at the fifth wrong try on it, and the right CPR is then refused', async () => {
    for (let n = 1; n < MAX_WRONG_TRIES; n++) {
      expect(await checkEarlierCase(world.deps, claim(earlier), attacker(n))).toBe('mismatch');
    }
    expect(await alerts(earlier)).toEqual([]);
    expect(await checkEarlierCase(world.deps, claim(earlier), attacker(5))).toBe('locked');
    expect(await checkEarlierCase(world.deps, claim(earlier, CPR), STAFF)).toBe('locked');
    const [alert, ...more] = await alerts(earlier);
    expect(more).toEqual([]);
    expect(alert).toMatchObject({
      caseTries: MAX_WRONG_TRIES,
      userTries: 1,
      at: world.clock.now.toISOString(),
      by: { aadObjectId: 'attacker-5', name: 'Attacker 5' },
    });
    expect(JSON.stringify(alert)).not.toContain(world.deps.protection.hash(OTHER_CPR));
  });

  it('locks a user after five wrong tries over several numbers, with no alert for unknown ones', async () => {
    for (let n = 1; n < MAX_WRONG_TRIES; n++) {
      expect(await checkEarlierCase(world.deps, claim(unknownNumber(n)), attacker(1))).toBe(
        'mismatch',
      );
    }
    expect(await checkEarlierCase(world.deps, claim(unknownNumber(9)), attacker(1))).toBe('locked');
    // The user is locked for every earlier case, the number of the fifth try for everyone.
    expect(await checkEarlierCase(world.deps, claim(earlier, CPR), attacker(1))).toBe('locked');
    expect(await checkEarlierCase(world.deps, claim(unknownNumber(9)), attacker(2))).toBe('locked');
    expect(await checkEarlierCase(world.deps, claim(unknownNumber(1)), attacker(2))).toBe(
      'mismatch',
    );
    expect(await alerts(earlier)).toEqual([]);
  });

  it('forgets wrong tries older than 24 hours', async () => {
    for (let n = 1; n < MAX_WRONG_TRIES; n++) {
      await checkEarlierCase(world.deps, claim(earlier), attacker(1));
    }
    later(TRY_WINDOW_MS + 1000);
    expect(await checkEarlierCase(world.deps, claim(earlier), attacker(1))).toBe('mismatch');
    expect(await checkEarlierCase(world.deps, claim(earlier, CPR), STAFF)).toBe('match');
  });

  it('holds a lock for 24 hours from the fifth wrong try, then lets the right CPR through', async () => {
    for (let n = 1; n <= MAX_WRONG_TRIES; n++) {
      await checkEarlierCase(world.deps, claim(earlier), attacker(n));
    }
    later(TRY_WINDOW_MS - 1000);
    expect(await checkEarlierCase(world.deps, claim(earlier, CPR), STAFF)).toBe('locked');
    later(2000);
    expect(await checkEarlierCase(world.deps, claim(earlier, CPR), STAFF)).toBe('match');
  });

  it('refuses filing against a locked or foreign earlier case, and files for its own institution', async () => {
    const file = async (cvr: Cvr) => {
      const caseNumber = await reserveCaseNumber(world.deps);
      const request = { ...world.forgottenRequest(earlier, CPR), cvr };
      return (await fileCase(world.deps, caseNumber, request)).outcome;
    };
    expect(await file(OTHER_CVR)).toBe('earlierCaseMismatch');
    expect(await file(CVR)).toBe('filed');
    for (let n = 1; n <= MAX_WRONG_TRIES; n++) {
      await checkEarlierCase(world.deps, claim(earlier), attacker(n));
    }
    expect(await file(CVR)).toBe('earlierCaseLocked');
  });

  it('audits each wrong try with the earlier case number and never a CPR hash', async () => {
    await checkEarlierCase(world.deps, claim(earlier), attacker(1));
    const entries = (await world.stores.audit.forCase(earlier)).filter((e) =>
      e.action.startsWith('forgottenLogin.'),
    );
    expect(entries).toEqual([
      expect.objectContaining({ action: 'forgottenLogin.mismatch', caseNumber: earlier }),
    ]);
    expect(entries[0]!.cprHash).toBeUndefined();
  });

  it('counts every one of concurrent wrong tries from two instances, and alerts once', async () => {
    const second = await openStores(world.where);
    const deps2 = testWorkflow(second, {
      protection: world.deps.protection,
      now: () => world.clock.now,
    });
    try {
      const tries = 8;
      const locked = await Promise.all(
        Array.from({ length: tries }, (_, n) =>
          recordWrongTry(n % 2 ? deps2 : world.deps, earlier, attacker(n)),
        ),
      );
      expect(locked.filter((l) => !l)).toHaveLength(MAX_WRONG_TRIES - 1);
      const record = await world.stores.tries.read(caseTryKey(earlier));
      expect(record.tries).toHaveLength(tries);
      expect(await alerts(earlier)).toHaveLength(1);
      const counted = await Promise.all(
        Array.from({ length: 30 }, (_, n) =>
          (n % 2 ? second : world.stores).tries.update(userTryKey('counter'), (r) => ({
            tries: [...r.tries, new Date(FILED_AT.getTime() + n).toISOString()],
          })),
        ),
      );
      expect(counted).toHaveLength(30);
      expect((await world.stores.tries.read(userTryKey('counter'))).tries).toHaveLength(30);
    } finally {
      await second.storage.close();
    }
  });
});
