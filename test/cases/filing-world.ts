import type { Person } from '../../cases/case';
import type { CaseNumber } from '../../cases/case-number';
import type { Cpr } from '../../cases/cpr';
import type { Cvr } from '../../cases/cvr';
import type { Job } from '../../cases/effects';
import { EffectsWorker, type JobHandlers } from '../../cases/effects-worker';
import {
  fileCase,
  protectCpr,
  reserveCaseNumber,
  type CaseRequest,
  type Requester,
} from '../../cases/file-case';
import { runCommand } from '../../cases/run-command';
import type { WorkflowDeps } from '../../cases/workflow-deps';
import type { StorageChoice, Stores } from '../../storage';
import { testWorkflow } from '../support/test-workflow';
import { openStores } from '../support/storage-backends';

export const CPR = '0101901234' as Cpr;
export const OTHER_CPR = '0202851234' as Cpr;
export const CVR = '13748136' as Cvr;
export const STAFF: Requester = { aadObjectId: 'staff-1', name: 'Staff One', tenantId: 'tenant-1' };
export const OTHER_STAFF: Requester = { aadObjectId: 'staff-2', name: 'Staff Two' };
export const APPROVER: Person = { aadObjectId: 'approver-1', name: 'Anna Approver' };
export const FILED_AT = new Date('2026-11-28T10:00:00.000Z');
/** A case number nobody filed. */
export const UNKNOWN = 'UL-2026-09999' as CaseNumber;

/** Real stores, workflow deps on them, a clock the test moves, and the jobs reported queued. */
export interface FilingWorld {
  stores: Stores;
  deps: WorkflowDeps;
  where: StorageChoice;
  clock: { now: Date };
  /** Every batch of jobs that `jobsQueued` was told of. */
  queued: Job[][];
  newCaseRequest(overrides?: Partial<CaseRequest>, cpr?: Cpr): CaseRequest;
  forgottenRequest(earlierCaseNumber: CaseNumber, cpr?: Cpr): CaseRequest;
  /** Reserves a number and files the request under it; fails the test unless it is filed. */
  fileNew(request?: CaseRequest): Promise<CaseNumber>;
  /**
   * Files a new login for a person no other case of this world is about (a CPR of its own,
   * masked as 010190-****), so that the duplicate guard has nothing to say.
   */
  fileForNextPerson(overrides?: Partial<CaseRequest>): Promise<CaseNumber>;
  /** Approves, starts sending and marks the mail sent, as approver and mail job would. */
  markIssued(caseNumber: CaseNumber, username?: string): Promise<void>;
  deny(caseNumber: CaseNumber): Promise<void>;
  /**
   * Runs the due audit jobs (their entries reach the audit log); jobs of other kinds are put
   * back for an hour, so that they stay visible.
   */
  runAuditJobs(): Promise<void>;
  close(): Promise<void>;
}

/** The CPR of the n-th person of `fileForNextPerson`: neither CPR nor OTHER_CPR. */
export const nextPersonsCpr = (n: number) => `010190${String(5000 + n).padStart(4, '0')}` as Cpr;

export async function openFilingWorld(where: StorageChoice): Promise<FilingWorld> {
  const stores = await openStores(where);
  const clock = { now: FILED_AT };
  const queued: Job[][] = [];
  const deps = testWorkflow(stores, {
    approvers: [APPROVER.aadObjectId],
    now: () => clock.now,
    jobsQueued: (jobs) => queued.push(jobs),
  });
  const newCaseRequest = (overrides: Partial<CaseRequest> = {}, cpr: Cpr = CPR): CaseRequest => ({
    request: { kind: 'new' },
    subject: protectCpr(deps.protection, cpr),
    cvr: CVR,
    recipient: 'Åse Ørum-Jæger',
    requester: STAFF,
    ...overrides,
  });
  const run = async (caseNumber: CaseNumber, command: Parameters<typeof runCommand>[2]) => {
    const outcome = await runCommand(deps, caseNumber, command);
    if (outcome.outcome !== 'done') throw new Error(`command not done: ${outcome.outcome}`);
  };
  let people = 0;
  const later = { outcome: 'retry' as const, reason: 'not run in this test', afterMs: 3_600_000 };
  const handlers: JobHandlers = {
    postCard: async () => later,
    updateCard: async () => later,
    tellRequester: async () => later,
    sendMail: async () => later,
    alertSupport: async () => later,
    replyInThread: async () => later,
    async audit(job) {
      await stores.audit.append(job.entry, job.id);
      return { outcome: 'done' };
    },
  };
  async function fileNew(request = newCaseRequest()) {
    const caseNumber = await reserveCaseNumber(deps);
    const outcome = await fileCase(deps, caseNumber, request);
    if (outcome.outcome !== 'filed') throw new Error(`not filed: ${outcome.outcome}`);
    return outcome.caseNumber;
  }
  const problems: string[] = [];
  const log = {
    debug: () => undefined,
    warn: () => undefined,
    error: (_: object, m: string) => problems.push(m),
  };
  return {
    stores,
    deps,
    where,
    clock,
    queued,
    newCaseRequest,
    forgottenRequest: (earlierCaseNumber, cpr = CPR) =>
      newCaseRequest({ request: { kind: 'forgotten', earlierCaseNumber, requested: 'both' } }, cpr),
    fileNew,
    fileForNextPerson(overrides = {}) {
      people += 1;
      return fileNew(newCaseRequest(overrides, nextPersonsCpr(people)));
    },
    async markIssued(caseNumber, username) {
      await run(caseNumber, () => ({ kind: 'approve', by: APPROVER, institutionListed: true }));
      await run(caseNumber, () => ({ kind: 'startSending' }));
      await run(caseNumber, () => ({
        kind: 'mailSent',
        replacedEarlier: false,
        ...(username ? { username } : {}),
      }));
    },
    deny: (caseNumber) => run(caseNumber, () => ({ kind: 'deny', by: APPROVER, reason: 'Nej' })),
    async runAuditJobs() {
      const options = { pollMs: 60_000, leaseMs: 60_000, now: () => clock.now };
      await new EffectsWorker(stores.jobs, handlers, log, options).runDue();
      if (problems.length > 0) throw new Error(`the worker failed: ${problems.join('; ')}`);
    },
    close: () => stores.storage.close(),
  };
}
