import type { Case } from '../../cases/case';
import type { CaseNumber } from '../../cases/case-number';
import { caseForRequester, casesOfRequester } from '../../cases/case-queries';
import { fileCase, reserveCaseNumber } from '../../cases/file-case';
import { answerQuestion, askRequester } from '../../cases/information-request';
import { purgeExpiredCases, type RetentionDeps } from '../../cases/retention';
import { approvalCard } from '../../cards/approval-card';
import { approvalViewOf } from '../../cards/approval-view';
import { myCasesCard } from '../../cards/my-cases-card';
import { statusCard } from '../../cards/status-card';
import { rawStoredData } from '../support/raw-storage';
import { describeEachBackend } from '../support/storage-backends';
import { APPROVER, FILED_AT, STAFF, openFilingWorld, type FilingWorld } from './filing-world';

const DAY_MS = 24 * 60 * 60 * 1000;
const HOUR_MS = 60 * 60 * 1000;
const daysAfterFiling = (days: number) => new Date(FILED_AT.getTime() + days * DAY_MS);
const hoursAfterFiling = (hours: number) => new Date(FILED_AT.getTime() + hours * HOUR_MS);
/** ASCII only: the raw SQLite files are read byte by byte. */
const QUESTION = 'Is Karen Blixenhus the head of the school';
const ANSWER = 'Yes she leads Solsikken since August';
const REASON = 'Shared custody, the father needs his own login';

describeEachBackend('retention: erasing closed cases', (backend) => {
  let world: FilingWorld;
  let retention: RetentionDeps;
  beforeEach(async () => {
    world = await openFilingWorld(backend.fresh());
    retention = { cases: world.stores.cases, retentionDays: 90 };
  });
  afterEach(() => world.close());

  const stored = async (caseNumber: CaseNumber): Promise<Case> => {
    const found = await world.stores.cases.get(caseNumber);
    if (!found) throw new Error(`case ${caseNumber} is not stored`);
    return found;
  };
  const erasedEntries = async (caseNumber: CaseNumber) =>
    (await world.stores.audit.forCase(caseNumber)).filter((e) => e.action === 'case.erased');

  const cprHashOf = async (caseNumber: CaseNumber) => (await stored(caseNumber)).subject.cprHash;

  /** A case sent and one denied at filing time, and a case left open: three people's. */
  async function threeCases() {
    const sent = await world.fileForNextPerson();
    await world.markIssued(sent, 'abcd1234');
    const denied = await world.fileForNextPerson();
    await world.deny(denied);
    const open = await world.fileForNextPerson();
    return { sent, denied, open };
  }

  it('erases cases closed 91 days ago and keeps those closed 89 days ago and open ones', async () => {
    const old = await threeCases();
    world.clock.now = daysAfterFiling(2);
    const young = await threeCases();
    const sentHash = await cprHashOf(old.sent);

    const erased = await purgeExpiredCases(retention, daysAfterFiling(91));

    expect(erased).toBe(2);
    const sent = await stored(old.sent);
    expect(sent).toMatchObject({
      state: 'mail_sent',
      subject: {
        erased: true,
        cprHash: sentHash,
        erasedAt: daysAfterFiling(91).toISOString(),
        afterDays: 90,
      },
      institution: { cvr: '13748136', recipient: { erased: true } },
      requester: { aadObjectId: STAFF.aadObjectId },
      filedAt: FILED_AT.toISOString(),
    });
    expect(sent.state === 'mail_sent' ? sent.mail : undefined).toEqual({
      sentAt: FILED_AT.toISOString(),
    });
    expect(await stored(old.denied)).toMatchObject({
      state: 'denied',
      subject: { erased: true },
      decision: { reason: { erased: true }, at: FILED_AT.toISOString() },
    });
    for (const kept of [old.open, young.sent, young.denied, young.open]) {
      expect((await stored(kept)).subject).toHaveProperty('cprEncrypted');
    }
  });

  it('erases and audits a case once when the purge runs twice', async () => {
    const { sent } = await threeCases();
    const sentHash = await cprHashOf(sent);
    const later = daysAfterFiling(100);
    expect(await purgeExpiredCases(retention, later)).toBe(2);
    const once = await stored(sent);
    expect(await purgeExpiredCases(retention, daysAfterFiling(101))).toBe(0);
    expect(await stored(sent)).toEqual(once);
    world.clock.now = later;
    await world.runAuditJobs();
    expect(await erasedEntries(sent)).toEqual([
      {
        at: later.toISOString(),
        actor: { system: 'retention' },
        action: 'case.erased',
        caseNumber: sent,
        cprHash: sentHash,
        detail: 'personal data erased, closed more than 90 days ago',
      },
    ]);
  });

  it('erases and audits each case once when two purges run at the same time', async () => {
    const cases = [await threeCases(), await threeCases(), await threeCases()];
    const later = daysAfterFiling(120);
    const counts = await Promise.all([
      purgeExpiredCases(retention, later),
      purgeExpiredCases(retention, later),
    ]);
    expect(counts[0]! + counts[1]!).toBe(6);
    world.clock.now = later;
    await world.runAuditJobs();
    for (const { sent, denied } of cases) {
      expect(await erasedEntries(sent)).toHaveLength(1);
      expect(await erasedEntries(denied)).toHaveLength(1);
    }
  });

  it('still answers status and my cases of an erased case, with the erased markers', async () => {
    const { sent, denied } = await threeCases();
    await purgeExpiredCases(retention, daysAfterFiling(91));
    const erased = await caseForRequester(world.deps, denied, STAFF);
    expect(erased?.subject).toMatchObject({ erased: true });
    const status = JSON.stringify(statusCard(erased!, 'da'));
    expect(status).toContain('slettet efter 90 dage');
    expect(status).not.toContain('010190');
    expect(status).not.toContain('Nej');
    const mine = await casesOfRequester(world.deps, STAFF);
    expect(mine.map((c) => c.caseNumber)).toEqual(expect.arrayContaining([sent, denied]));
    const closed = mine.filter((c) => c.state !== 'filed');
    const list = JSON.stringify(myCasesCard(closed, 'en'));
    expect(list).toContain('erased after 90 days');
    expect(list).not.toContain('Ørum');
    const options = { approverIds: [], withActions: false, earlierCases: [] };
    const card = JSON.stringify(approvalCard(approvalViewOf(await stored(sent), options), 'da'));
    expect(card).toContain('slettet efter 90 dage');
    expect(card).not.toContain('010190');
    expect(card).not.toContain('Ørum');
  });

  it('erases the texts of questions, answers and a duplicate reason, and keeps who and when', async () => {
    const despite = { request: { kind: 'new', duplicateReason: REASON } } as const;
    const earlier = await world.fileNew();
    await world.markIssued(earlier, 'abcd1234');
    const sent = await world.fileNew(world.newCaseRequest(despite));
    world.clock.now = hoursAfterFiling(1);
    await askRequester(world.deps, sent, APPROVER, QUESTION);
    world.clock.now = hoursAfterFiling(2);
    const answered = await answerQuestion(world.deps, sent, STAFF, {
      text: ANSWER,
      questionAt: hoursAfterFiling(1).toISOString(),
    });
    expect(answered.outcome).toBe('answered');
    await world.markIssued(sent, 'efgh5678');
    const denied = await world.fileNew(world.newCaseRequest(despite));
    world.clock.now = hoursAfterFiling(3);
    await askRequester(world.deps, denied, APPROVER, QUESTION);
    await world.deny(denied);
    expect(await rawStoredData(world.where)).toContain(QUESTION);

    world.clock.now = daysAfterFiling(91);
    expect(await purgeExpiredCases(retention, world.clock.now)).toBe(3);
    await world.runAuditJobs();

    const asked = { askedBy: APPROVER, question: { erased: true } };
    expect(await stored(sent)).toMatchObject({
      request: { kind: 'new', duplicateReason: { erased: true } },
      questions: [
        {
          ...asked,
          askedAt: hoursAfterFiling(1).toISOString(),
          answer: {
            text: { erased: true },
            by: { aadObjectId: STAFF.aadObjectId, name: STAFF.name },
            at: hoursAfterFiling(2).toISOString(),
          },
        },
      ],
    });
    expect((await stored(denied)).questions).toEqual([
      { ...asked, askedAt: hoursAfterFiling(3).toISOString() },
    ]);
    expect((await stored(denied)).request).toEqual({
      kind: 'new',
      duplicateReason: { erased: true },
    });
    expect((await stored(earlier)).request).toEqual({ kind: 'new' });
    const raw = await rawStoredData(world.where);
    for (const text of [QUESTION, ANSWER, REASON]) expect(raw).not.toContain(text);
  });

  it('does not accept an erased case as the earlier case of a forgotten login', async () => {
    const earlier = await world.fileNew();
    await world.markIssued(earlier, 'abcd1234');
    world.clock.now = daysAfterFiling(91);
    await purgeExpiredCases(retention, world.clock.now);
    const outcome = await fileCase(
      world.deps,
      await reserveCaseNumber(world.deps),
      world.forgottenRequest(earlier),
    );
    expect(outcome).toEqual({ outcome: 'earlierCaseMismatch' });
  });
});
