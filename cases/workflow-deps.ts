import type { AuditLog } from './audit';
import type { CprProtection } from './cpr-protection';
import type { Job } from './effects';
import type { Rules } from './lifecycle';
import type { CaseJobAdder, CaseStore, TryCounter } from './ports';

/** What the case workflow needs from the outside world. */
export interface WorkflowDeps {
  cases: CaseStore;
  audit: AuditLog;
  protection: CprProtection;
  rules: Rules;
  /** The wrong CPR tries of forgotten-login requests, per user and per earlier case. */
  tries: TryCounter;
  /** Where an alert to STIL support is queued on an earlier case that exists. */
  jobs: CaseJobAdder;
  now: () => Date;
  /** Told of jobs a write has just queued, so that a worker can take them at once. */
  jobsQueued?(jobs: Job[]): void;
}
