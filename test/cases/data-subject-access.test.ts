import type { CaseNumber } from '../../cases/case-number';
import { caseForRequester } from '../../cases/case-queries';
import type { Cpr } from '../../cases/cpr';
import { exportForCpr, type SubjectExport } from '../../cases/data-subject-access';
import { checkEarlierCase } from '../../cases/file-case';
import { describeEachBackend } from '../support/storage-backends';
import {
  APPROVER,
  CPR,
  CVR,
  OTHER_CPR,
  STAFF,
  openFilingWorld,
  type FilingWorld,
} from './filing-world';

/**
 * A new login sent, a forgotten login on it sent, a denied case and one still waiting (the
 * last two are new logins despite the issued one: staff gave the duplicate guard a reason).
 */
async function casesOf(world: FilingWorld, cpr: Cpr, username: string): Promise<CaseNumber[]> {
  const despite = { request: { kind: 'new', duplicateReason: 'Ny institution' } } as const;
  const sent = await world.fileNew(world.newCaseRequest({}, cpr));
  await world.markIssued(sent, username);
  const forgotten = await world.fileNew(world.forgottenRequest(sent, cpr));
  await world.markIssued(forgotten, username);
  const denied = await world.fileNew(world.newCaseRequest(despite, cpr));
  await world.deny(denied);
  const waiting = await world.fileNew(world.newCaseRequest(despite, cpr));
  await caseForRequester(world.deps, waiting, STAFF);
  return [sent, forgotten, denied, waiting];
}

async function exported(world: FilingWorld, cpr: Cpr): Promise<SubjectExport> {
  const outcome = await exportForCpr(world.deps, cpr, APPROVER);
  if (outcome.outcome !== 'exported') throw new Error(`not exported: ${outcome.outcome}`);
  return outcome.export;
}

describeEachBackend('the data-subject export', (backend) => {
  let world: FilingWorld;
  let mine: CaseNumber[];
  let theirs: CaseNumber[];
  beforeAll(async () => {
    world = await openFilingWorld(backend.fresh());
    mine = await casesOf(world, CPR, 'abcd1234');
    theirs = await casesOf(world, OTHER_CPR, 'wxyz9876');
    // The other person's CPR tried on this person's case, and this CPR on theirs.
    await checkEarlierCase(
      world.deps,
      { earlierCaseNumber: mine[0]!, cprHash: world.deps.protection.hash(OTHER_CPR), cvr: CVR },
      STAFF,
    );
    await checkEarlierCase(
      world.deps,
      { earlierCaseNumber: theirs[0]!, cprHash: world.deps.protection.hash(CPR), cvr: CVR },
      STAFF,
    );
    await world.runAuditJobs();
  });
  afterAll(() => world.close());

  it('holds every case of the CPR, masked, with its states, decision and mail', async () => {
    const found = await exported(world, CPR);
    expect(found.cases.map((c) => c.caseNumber)).toEqual(mine);
    expect(found.cases.map((c) => c.state)).toEqual(['mail_sent', 'mail_sent', 'denied', 'filed']);
    expect(found.cases.map((c) => c.request.kind)).toEqual(['new', 'forgotten', 'new', 'new']);
    for (const value of found.cases) {
      expect(value.cprMasked).toBe('010190-****');
      expect(value.institution.cvr).toBe(CVR);
      expect(value.requester).toEqual({ aadObjectId: STAFF.aadObjectId, name: STAFF.name });
    }
    expect(found.cases[2]).toMatchObject({ decision: { by: APPROVER, reason: 'Nej' } });
    expect(found.cases[0]).toMatchObject({ mail: { username: 'abcd1234' } });
  });

  it('holds every audit entry of those cases and of the CPR hash', async () => {
    const found = await exported(world, CPR);
    for (const caseNumber of mine) {
      const stored = await world.stores.audit.forCase(caseNumber);
      expect(stored.length).toBeGreaterThan(0);
      expect(found.audit.filter((e) => e.caseNumber === caseNumber)).toHaveLength(stored.length);
    }
    const actions = found.audit.map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['case.filed', 'case.read']));
    // This CPR tried on the other person's case: kept, without naming that case.
    const tried = found.audit.filter((e) => e.namesSubject && e.caseNumber === undefined);
    expect(tried.map((e) => e.action)).toContain('case.read');
  });

  it('holds nothing about another CPR, nor the CPR itself', async () => {
    const found = await exported(world, CPR);
    const text = JSON.stringify(found);
    const otherHash = world.deps.protection.hash(OTHER_CPR);
    for (const caseNumber of theirs) expect(text).not.toContain(caseNumber);
    expect(text).not.toContain(otherHash);
    expect(text).not.toContain('020285');
    expect(text).not.toContain('wxyz9876');
    expect(text).not.toContain(CPR);
    expect(text).not.toContain('ciphertext');
    expect(found.cprHash).toBe(world.deps.protection.hash(CPR));
  });

  it('is audited under the CPR hash, never with the CPR', async () => {
    const before = new Date('2026-12-01T09:00:00.000Z');
    world.clock.now = before;
    await exported(world, CPR);
    const hash = world.deps.protection.hash(CPR);
    const entries = await world.stores.audit.forSubject(hash, []);
    const audited = entries.filter((e) => e.action === 'subject.exported');
    expect(audited).toContainEqual({
      at: before.toISOString(),
      actor: APPROVER,
      action: 'subject.exported',
      cprHash: hash,
    });
    expect(JSON.stringify(entries)).not.toContain(CPR);
  });

  it('refuses a reader who is not an approver, and audits the refusal', async () => {
    const outcome = await exportForCpr(world.deps, CPR, STAFF);
    expect(outcome).toEqual({ outcome: 'notAnApprover' });
    const hash = world.deps.protection.hash(CPR);
    const refusals = (await world.stores.audit.forSubject(hash, [])).filter(
      (e) => e.action === 'subject.export.refused',
    );
    expect(refusals).toHaveLength(1);
    expect(refusals[0]?.actor).toEqual({ aadObjectId: STAFF.aadObjectId, name: STAFF.name });
  });
});
