import type { AuditLog } from './audit';
import type { CprProtection } from './cpr-protection';
import type { Job } from './effects';
import type { Rules } from './lifecycle';
import type { CaseStore } from './ports';

/** What the case workflow needs from the outside world. */
export interface WorkflowDeps {
  cases: CaseStore;
  audit: AuditLog;
  protection: CprProtection;
  rules: Rules;
  now: () => Date;
  /** Told of jobs a write has just queued, so that a worker can take them at once. */
  jobsQueued?(jobs: Job[]): void;
}
