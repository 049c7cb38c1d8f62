import type { CprProtection } from './cpr-protection';
import type { AuditLog, CaseRepository } from './ports';

/** What the case workflow needs from the outside world. */
export interface WorkflowDeps {
  cases: CaseRepository;
  audit: AuditLog;
  protection: CprProtection;
  now: () => Date;
}
