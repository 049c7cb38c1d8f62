import type { CaseNumber } from '../../cases/case-number';
import { protectedCprOf } from '../../cases/case';
import { purgeExpiredCases } from '../../cases/retention';
import { runCommand } from '../../cases/run-command';
import { APPROVER, FILED_AT, openFilingWorld, type FilingWorld } from '../cases/filing-world';
import { rawStoredData } from '../support/raw-storage';
import { describeEachBackend } from '../support/storage-backends';

const DAY_MS = 24 * 60 * 60 * 1000;
/** ASCII only: the raw SQLite files are read byte by byte. */
const RECIPIENT = 'Karen Blixenhus';
const REASON = 'Karen Blixenhus er ikke kontaktperson for barnet';
/** The free texts of the second new login: why despite the first, a question, an answer. */
const DUPLICATE_REASON = 'Forste login blev lukket ved en fejl i kommunen';
const QUESTION = 'Hvilken skole gaar barnet paa nu';
const ANSWER = 'Barnet gaar paa Bakkeskolen i Vejle';

/**
 * Erasing a case must leave nothing of its personal data in the store as it lies on disk:
 * neither in the SQLite file nor in its write-ahead log, nor in any MongoDB collection.
 */
describeEachBackend('retention leaves no erased personal data in the raw store', (backend) => {
  let world: FilingWorld;
  beforeEach(async () => {
    world = await openFilingWorld(backend.fresh());
  });
  afterEach(() => world.close());

  async function closedCases(): Promise<CaseNumber[]> {
    const sent = await world.fileNew(world.newCaseRequest({ recipient: RECIPIENT }));
    await world.markIssued(sent, 'kbli0042');
    // The same person again: held by the duplicate guard unless a reason is given.
    const denied = await world.fileNew(
      world.newCaseRequest({
        recipient: RECIPIENT,
        request: { kind: 'new', duplicateReason: DUPLICATE_REASON },
      }),
    );
    const by = APPROVER;
    const asked = await runCommand(world.deps, denied, () => ({
      kind: 'ask',
      by,
      question: QUESTION,
    }));
    expect(asked.outcome).toBe('done');
    const questionAt = asked.outcome === 'done' ? asked.case.questions![0]!.askedAt : '';
    const answered = await runCommand(world.deps, denied, (current) => ({
      kind: 'answer',
      by: { aadObjectId: current.requester.aadObjectId, name: current.requester.name },
      text: ANSWER,
      questionAt,
    }));
    expect(answered.outcome).toBe('done');
    const outcome = await runCommand(world.deps, denied, () => ({
      kind: 'deny',
      by,
      reason: REASON,
    }));
    expect(outcome.outcome).toBe('done');
    return [sent, denied];
  }

  it('holds no ciphertext, masked CPR, recipient, reasons, questions, answers or username once erased', async () => {
    const cases = await closedCases();
    const ciphertexts = await Promise.all(
      cases.map(async (c) => protectedCprOf((await world.stores.cases.get(c))!)!.cprEncrypted),
    );
    const before = await rawStoredData(world.where);
    for (const { ciphertext } of ciphertexts) expect(before).toContain(ciphertext);
    expect(before).toContain(RECIPIENT);
    for (const free of [DUPLICATE_REASON, QUESTION, ANSWER]) expect(before).toContain(free);

    world.clock.now = new Date(FILED_AT.getTime() + 91 * DAY_MS);
    expect(
      await purgeExpiredCases({ cases: world.stores.cases, retentionDays: 90 }, world.clock.now),
    ).toBe(2);
    await world.runAuditJobs();

    const after = await rawStoredData(world.where);
    for (const { ciphertext, nonce, tag } of ciphertexts) {
      expect(after).not.toContain(ciphertext);
      expect(after).not.toContain(nonce);
      expect(after).not.toContain(tag);
    }
    expect(after).not.toContain('010190-****');
    expect(after).not.toContain(RECIPIENT);
    expect(after).not.toContain('kontaktperson for barnet');
    expect(after).not.toContain('kbli0042');
    for (const free of [DUPLICATE_REASON, QUESTION, ANSWER]) expect(after).not.toContain(free);
    // What is kept: the case numbers and the keyed CPR hash.
    for (const caseNumber of cases) expect(after).toContain(caseNumber);
    expect(after).toContain(
      world.deps.protection.hash(world.deps.protection.decrypt(ciphertexts[0]!)),
    );
  });
});
