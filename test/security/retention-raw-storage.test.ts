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
    const denied = await world.fileNew(world.newCaseRequest({ recipient: RECIPIENT }));
    const by = APPROVER;
    const outcome = await runCommand(world.deps, denied, () => ({
      kind: 'deny',
      by,
      reason: REASON,
    }));
    expect(outcome.outcome).toBe('done');
    return [sent, denied];
  }

  it('holds no ciphertext, masked CPR, recipient, reason or username once erased', async () => {
    const cases = await closedCases();
    const ciphertexts = await Promise.all(
      cases.map(async (c) => protectedCprOf((await world.stores.cases.get(c))!)!.cprEncrypted),
    );
    const before = await rawStoredData(world.where);
    for (const { ciphertext } of ciphertexts) expect(before).toContain(ciphertext);
    expect(before).toContain(RECIPIENT);

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
    // What is kept: the case numbers and the keyed CPR hash.
    for (const caseNumber of cases) expect(after).toContain(caseNumber);
    expect(after).toContain(
      world.deps.protection.hash(world.deps.protection.decrypt(ciphertexts[0]!)),
    );
  });
});
