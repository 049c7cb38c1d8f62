import type { Person } from '../../cases/case';
import {
  approveCase,
  cleanReason,
  denyCase,
  MAX_REASON_LENGTH,
  type DecisionDeps,
} from '../../cases/decide-case';
import { aCase } from '../support/case-builder';
import { directory, openWorld, type UnitWorld } from './world';

const NOW = new Date('2026-03-02T09:30:00.000Z');
const ANNA: Person = { aadObjectId: 'approver-anna', name: 'Anna Approver' };
const BO: Person = { aadObjectId: 'approver-bo', name: 'Bo Approver' };
const STRANGER: Person = { aadObjectId: 'someone-else', name: 'Not An Approver' };
const APPROVERS = new Set([ANNA.aadObjectId, BO.aadObjectId, 'staff-1']);
for (let i = 0; i < 10; i++) APPROVERS.add(`approver-${i}`);

let world: UnitWorld;
let deps: DecisionDeps;

beforeEach(async () => {
  world = await openWorld(NOW);
  deps = { ...world.deps, isApprover: (id) => APPROVERS.has(id), institutions: directory };
});
afterEach(() => world.close());

const stored = async (caseNumber: string) => (await world.stores.cases.get(caseNumber))?.value;
const actions = async (caseNumber: string) =>
  (await world.stores.storage.audit.forCase(caseNumber)).map((e) => e.action);

describe('cleanReason', () => {
  it('turns control characters such as line breaks into single spaces', () => {
    expect(cleanReason('Forkert\r\nCVR\u0007-nummer\u0000')).toBe('Forkert CVR -nummer');
  });

  it('folds runs of white space and trims the ends', () => {
    expect(cleanReason('  Forkert \t\t  institution   ')).toBe('Forkert institution');
  });

  it('keeps at most 500 characters', () => {
    expect(cleanReason('x'.repeat(2000))).toHaveLength(MAX_REASON_LENGTH);
  });

  it('never ends a reason cut at the cap with a space', () => {
    // 499 letters, then a space at index 499, then more text: the cut lands on the space.
    const cleaned = cleanReason(`${'a'.repeat(499)} ${'b'.repeat(50)}`);
    expect(cleaned.slice(-1)).not.toBe(' ');
  });

  it('leaves nothing of a reason made only of white space and control characters', () => {
    expect(cleanReason(' \n\t\u0001 ')).toBe('');
  });
});

describe('approveCase', () => {
  it('moves a filed case to approved with the decision and a pending mail job', async () => {
    const filed = await world.file(aCase());
    const result = await approveCase(deps, filed.caseNumber, ANNA);
    expect(result.outcome).toBe('approved');
    const after = await stored(filed.caseNumber);
    expect(after?.state).toBe('approved');
    expect(after?.decision).toEqual({ outcome: 'approved', by: ANNA, at: NOW.toISOString() });
    expect(after?.outbox).toMatchObject({ state: 'pending', attempts: 0 });
    expect(await actions(filed.caseNumber)).toEqual(['case.approved']);
  });

  it('refuses a non-approver and changes nothing', async () => {
    const filed = await world.file(aCase());
    expect(await approveCase(deps, filed.caseNumber, STRANGER)).toEqual({
      outcome: 'notAnApprover',
    });
    expect(await stored(filed.caseNumber)).toEqual(filed);
    expect(await actions(filed.caseNumber)).toEqual(['decision.refused']);
  });

  it('refuses the requester who is also an approver', async () => {
    const filed = await world.file(aCase());
    const requester = { aadObjectId: filed.requester.aadObjectId, name: filed.requester.name };
    expect(await approveCase(deps, filed.caseNumber, requester)).toEqual({ outcome: 'ownCase' });
    expect(await stored(filed.caseNumber)).toEqual(filed);
    expect(await actions(filed.caseNumber)).toEqual(['decision.refused']);
  });

  it('answers unknownCase for a case number nobody filed', async () => {
    expect(await approveCase(deps, 'UL-2026-99999', ANNA)).toEqual({ outcome: 'unknownCase' });
    expect(await actions('UL-2026-99999')).toEqual(['decision.refused']);
  });

  it('answers a second decision with alreadyDecided, carrying the first decision', async () => {
    const filed = await world.file(aCase());
    await approveCase(deps, filed.caseNumber, ANNA);
    const second = await denyCase(deps, filed.caseNumber, BO, 'For sent');
    expect(second.outcome).toBe('alreadyDecided');
    if (second.outcome !== 'alreadyDecided') throw new Error('unreachable');
    expect(second.case.decision).toMatchObject({ outcome: 'approved', by: ANNA });
    expect((await stored(filed.caseNumber))?.state).toBe('approved');
    expect(await actions(filed.caseNumber)).toEqual(['case.approved', 'decision.refused']);
  });

  it('refuses a case whose institution is not in the directory and changes nothing', async () => {
    const filed = await world.file(
      aCase({ institution: { cvr: '25313763', recipient: 'Mette Frederiksen' } }),
    );
    const result = await approveCase(deps, filed.caseNumber, ANNA);
    expect(result.outcome).toBe('institutionUnknown');
    expect(await stored(filed.caseNumber)).toEqual(filed);
    expect(await actions(filed.caseNumber)).toEqual(['decision.refused']);
  });

  it('lets exactly one of 10 parallel approvals by different approvers win', async () => {
    const filed = await world.file(aCase());
    const approvers = Array.from({ length: 10 }, (_, i) => ({
      aadObjectId: `approver-${i}`,
      name: `Approver ${i}`,
    }));
    const results = await Promise.all(approvers.map((a) => approveCase(deps, filed.caseNumber, a)));
    const outcomes = results.map((r) => r.outcome);
    expect(outcomes.filter((o) => o === 'approved')).toHaveLength(1);
    expect(outcomes.filter((o) => o === 'alreadyDecided')).toHaveLength(9);
    const winner = (await stored(filed.caseNumber))?.decision?.by;
    for (const r of results) {
      if (r.outcome === 'alreadyDecided') expect(r.case.decision?.by).toEqual(winner);
    }
    const audit = await actions(filed.caseNumber);
    expect(audit.filter((a) => a === 'case.approved')).toHaveLength(1);
    expect(audit.filter((a) => a === 'decision.refused')).toHaveLength(9);
  });
});

describe('denyCase', () => {
  it('moves a filed case to denied with the cleaned reason and no mail job', async () => {
    const filed = await world.file(aCase());
    const result = await denyCase(deps, filed.caseNumber, BO, '  Forkert\n\nCVR  ');
    expect(result.outcome).toBe('denied');
    const after = await stored(filed.caseNumber);
    expect(after?.state).toBe('denied');
    expect(after?.decision).toEqual({
      outcome: 'denied',
      by: BO,
      at: NOW.toISOString(),
      reason: 'Forkert CVR',
    });
    expect(after?.outbox).toBeUndefined();
    const audit = await world.stores.storage.audit.forCase(filed.caseNumber);
    expect(audit).toEqual([expect.objectContaining({ action: 'case.denied', actor: BO })]);
  });

  it.each(['', '   ', '\n\t\u0000'])('refuses the reason %j as reasonMissing', async (reason) => {
    const filed = await world.file(aCase());
    expect(await denyCase(deps, filed.caseNumber, BO, reason)).toEqual({
      outcome: 'reasonMissing',
    });
    expect(await stored(filed.caseNumber)).toEqual(filed);
  });

  it('records a denial refused for a missing reason in the audit log', async () => {
    const filed = await world.file(aCase());
    await denyCase(deps, filed.caseNumber, BO, '  ');
    expect(await actions(filed.caseNumber)).toEqual(['decision.refused']);
  });

  it('refuses a non-approver and changes nothing', async () => {
    const filed = await world.file(aCase());
    expect(await denyCase(deps, filed.caseNumber, STRANGER, 'Nej')).toEqual({
      outcome: 'notAnApprover',
    });
    expect(await stored(filed.caseNumber)).toEqual(filed);
    expect(await actions(filed.caseNumber)).toEqual(['decision.refused']);
  });
});
