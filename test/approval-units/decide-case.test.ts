import type { Person } from '../../cases/case';
import type { CaseNumber } from '../../cases/case-number';
import type { Cvr } from '../../cases/cvr';
import {
  approveCase,
  cleanReason,
  denyCase,
  MAX_REASON_LENGTH,
  type DecisionDeps,
} from '../../cases/decide-case';
import { aCase, aCaseIn } from '../support/case-builder';
import { describeEachBackend } from '../support/storage-backends';
import { directory, openWorld, type UnitWorld } from './world';

const NOW = new Date('2026-03-02T09:30:00.000Z');
const ANNA: Person = { aadObjectId: 'approver-anna', name: 'Anna Approver' };
const BO: Person = { aadObjectId: 'approver-bo', name: 'Bo Approver' };
const STRANGER: Person = { aadObjectId: 'someone-else', name: 'Not An Approver' };
const APPROVERS = [ANNA.aadObjectId, BO.aadObjectId, 'staff-1'];
for (let i = 0; i < 10; i++) APPROVERS.push(`approver-${i}`);
const NOBODY_FILED = 'UL-2026-99999' as CaseNumber;

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

describeEachBackend('deciding a case', (backend) => {
  let world: UnitWorld;
  let deps: DecisionDeps;

  beforeEach(async () => {
    world = await openWorld(NOW, { where: backend.fresh(), approvers: APPROVERS });
    deps = { ...world.deps, institutions: directory };
  });
  afterEach(() => world.close());

  const stored = (caseNumber: CaseNumber) => world.stores.cases.get(caseNumber);
  /** The audit log of a case once the queued audit jobs have run. */
  const actions = async (caseNumber: CaseNumber) => {
    await world.runJobs();
    return (await world.stores.audit.forCase(caseNumber)).map((e) => e.action);
  };
  const queued = async (caseNumber: CaseNumber) =>
    (await world.stores.jobs.forCase(caseNumber)).map((job) => job.kind).sort();

  describe('approveCase', () => {
    it('moves a filed case to approved and queues the mail, the card update and the audit entry', async () => {
      const filed = await world.file(aCase());
      const result = await approveCase(deps, filed.caseNumber, ANNA);
      expect(result.outcome).toBe('approved');
      const after = await stored(filed.caseNumber);
      expect(after).toEqual({
        ...filed,
        state: 'approved',
        decision: { by: ANNA, at: NOW.toISOString() },
      });
      expect(await queued(filed.caseNumber)).toEqual(['audit', 'sendMail', 'updateCard']);
      expect(await actions(filed.caseNumber)).toEqual(['case.approved']);
      const [entry] = await world.stores.audit.forCase(filed.caseNumber);
      expect(entry).toMatchObject({ actor: ANNA, cprHash: filed.subject.cprHash });
    });

    it('refuses a non-approver, changes nothing, and audits the probe without the CPR hash', async () => {
      const filed = await world.file(aCase());
      expect(await approveCase(deps, filed.caseNumber, STRANGER)).toEqual({
        outcome: 'notAnApprover',
      });
      expect(await stored(filed.caseNumber)).toEqual(filed);
      expect(await queued(filed.caseNumber)).toEqual([]);
      const entries = await world.stores.audit.forCase(filed.caseNumber);
      expect(entries).toEqual([expect.objectContaining({ action: 'decision.refused' })]);
      expect(entries[0]).not.toHaveProperty('cprHash');
    });

    it('refuses the requester who is also an approver (four eyes)', async () => {
      const filed = await world.file(aCase());
      const requester = { aadObjectId: filed.requester.aadObjectId, name: filed.requester.name };
      expect(await approveCase(deps, filed.caseNumber, requester)).toEqual({ outcome: 'ownCase' });
      expect(await stored(filed.caseNumber)).toEqual(filed);
      expect(await actions(filed.caseNumber)).toEqual(['decision.refused']);
    });

    it('answers unknownCase for a case number nobody filed, and audits the attempt', async () => {
      expect(await approveCase(deps, NOBODY_FILED, ANNA)).toEqual({ outcome: 'unknownCase' });
      expect(await actions(NOBODY_FILED)).toEqual(['decision.refused']);
    });

    it('answers a second decision with alreadyDecided, carrying the first decision', async () => {
      const filed = await world.file(aCase());
      await approveCase(deps, filed.caseNumber, ANNA);
      const second = await denyCase(deps, filed.caseNumber, BO, 'For sent');
      expect(second.outcome).toBe('alreadyDecided');
      if (second.outcome !== 'alreadyDecided' || !('decision' in second.case)) {
        throw new Error('expected a decided case');
      }
      expect(second.case.decision).toEqual({ by: ANNA, at: NOW.toISOString() });
      expect((await stored(filed.caseNumber))?.state).toBe('approved');
      // The approval reaches the log through its job, so the two may land in either order.
      expect((await actions(filed.caseNumber)).sort()).toEqual([
        'case.approved',
        'decision.refused',
      ]);
    });

    it('refuses a case whose institution is not in the directory and changes nothing', async () => {
      const filed = await world.file(
        aCase({ institution: { cvr: '25313763' as Cvr, recipient: 'Mette Frederiksen' } }),
      );
      const result = await approveCase(deps, filed.caseNumber, ANNA);
      expect(result.outcome).toBe('institutionUnknown');
      expect(await stored(filed.caseNumber)).toEqual(filed);
      expect(await queued(filed.caseNumber)).toEqual([]);
      expect(await actions(filed.caseNumber)).toEqual(['decision.refused']);
    });

    it('lets exactly one of 10 parallel approvals win and tells every loser who won', async () => {
      const filed = await world.file(aCase());
      const approvers = Array.from({ length: 10 }, (_, i) => ({
        aadObjectId: `approver-${i}`,
        name: `Approver ${i}`,
      }));
      const results = await Promise.all(
        approvers.map((a) => approveCase(deps, filed.caseNumber, a)),
      );
      const outcomes = results.map((r) => r.outcome);
      expect(outcomes.filter((o) => o === 'approved')).toHaveLength(1);
      expect(outcomes.filter((o) => o === 'alreadyDecided')).toHaveLength(9);
      const after = await stored(filed.caseNumber);
      if (after?.state !== 'approved') throw new Error('expected an approved case');
      for (const r of results) {
        if (r.outcome === 'alreadyDecided') expect(r.case).toEqual(after);
      }
      expect(await queued(filed.caseNumber)).toEqual(['audit', 'sendMail', 'updateCard']);
      const audit = await actions(filed.caseNumber);
      expect(audit.filter((a) => a === 'case.approved')).toHaveLength(1);
      expect(audit.filter((a) => a === 'decision.refused')).toHaveLength(9);
    });
  });

  describe('denyCase', () => {
    it('moves a filed case to denied with the cleaned reason; the requester is told, no mail is queued', async () => {
      const filed = await world.file(aCase());
      const result = await denyCase(deps, filed.caseNumber, BO, '  Forkert\n\nCVR  ');
      expect(result.outcome).toBe('denied');
      expect(await stored(filed.caseNumber)).toMatchObject({
        state: 'denied',
        decision: { by: BO, at: NOW.toISOString(), reason: 'Forkert CVR' },
      });
      const jobs = await world.stores.jobs.forCase(filed.caseNumber);
      expect(jobs.map((job) => job.kind).sort()).toEqual(['audit', 'tellRequester', 'updateCard']);
      expect(jobs).toContainEqual(
        expect.objectContaining({ kind: 'tellRequester', notice: 'denied' }),
      );
      await world.runJobs();
      expect(await world.stores.audit.forCase(filed.caseNumber)).toEqual([
        expect.objectContaining({ action: 'case.denied', actor: BO }),
      ]);
    });

    it.each(['', '   ', '\n\t\u0000'])('refuses the reason %j as reasonMissing', async (reason) => {
      const filed = await world.file(aCase());
      expect(await denyCase(deps, filed.caseNumber, BO, reason)).toEqual({
        outcome: 'reasonMissing',
      });
      expect(await stored(filed.caseNumber)).toEqual(filed);
      expect(await queued(filed.caseNumber)).toEqual([]);
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

    it('refuses to approve a denied case afterwards, and no mail is ever queued', async () => {
      const filed = await world.file(aCase());
      await denyCase(deps, filed.caseNumber, BO, 'Forkert CVR');
      const second = await approveCase(deps, filed.caseNumber, ANNA);
      expect(second.outcome).toBe('alreadyDecided');
      expect(await stored(filed.caseNumber)).toMatchObject({
        state: 'denied',
        decision: { by: BO },
      });
      expect(await queued(filed.caseNumber)).not.toContain('sendMail');
    });
  });

  describe('a case waiting for the answer to a question', () => {
    const question = { question: 'Hvem er modtageren?', askedBy: BO, askedAt: NOW.toISOString() };
    const waiting = () => world.file(aCaseIn('info_requested', { questions: [question] }));

    it('is approved from a card rendered before the question, and keeps its question', async () => {
      const value = await waiting();
      const result = await approveCase(deps, value.caseNumber, ANNA);
      expect(result.outcome).toBe('approved');
      expect(await stored(value.caseNumber)).toMatchObject({
        state: 'approved',
        decision: { by: ANNA },
        questions: [question],
      });
      expect(await queued(value.caseNumber)).toContain('sendMail');
    });

    it('is denied with a reason, and the requester is told', async () => {
      const value = await waiting();
      const result = await denyCase(deps, value.caseNumber, ANNA, 'Intet svar');
      expect(result.outcome).toBe('denied');
      expect(await stored(value.caseNumber)).toMatchObject({
        state: 'denied',
        decision: { by: ANNA, reason: 'Intet svar' },
        questions: [question],
      });
      expect(await queued(value.caseNumber)).toEqual(['audit', 'tellRequester', 'updateCard']);
    });
  });
});
