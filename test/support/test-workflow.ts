import { randomBytes } from 'node:crypto';
import { cprProtection } from '../../cases/cpr-protection';
import type { WorkflowDeps } from '../../cases/workflow-deps';
import type { Stores } from '../../storage';

/** Workflow deps on real stores with fresh keys; override the clock, approvers and hooks. */
export function testWorkflow(
  stores: Stores,
  options: Partial<Pick<WorkflowDeps, 'now' | 'jobsQueued' | 'protection'>> & {
    approvers?: Iterable<string>;
  } = {},
): WorkflowDeps {
  const approvers = new Set(options.approvers ?? []);
  return {
    cases: stores.cases,
    audit: stores.audit,
    protection:
      options.protection ??
      cprProtection({ dataEncryptionKey: randomBytes(32), lookupHmacKey: randomBytes(32) }),
    rules: { isApprover: (id) => approvers.has(id) },
    tries: stores.tries,
    jobs: stores.jobs,
    now: options.now ?? (() => new Date()),
    ...(options.jobsQueued ? { jobsQueued: options.jobsQueued } : {}),
  };
}
