import type { AuditEntry, AuditLog } from '../cases/audit';
import type { RefusalKind } from './metrics';

/** Forgotten-login and duplicate-guard locks: a user probing CPRs was stopped. */
const LOCKOUTS = new Set(['forgottenLogin.locked', 'forgottenLogin.refused', 'duplicate.refused']);

/** The kind of refusal an audit entry records, if it is one the metrics count. */
export function refusalKindOf(entry: AuditEntry): RefusalKind | undefined {
  if (entry.action === 'turn.tenant.refused') return 'tenant';
  if (LOCKOUTS.has(entry.action)) return 'oracleLockout';
  if (!entry.action.endsWith('.refused')) return undefined;
  if (entry.action === 'case.file.refused' && entry.detail?.startsWith('rate limit:'))
    return 'rateLimit';
  if (entry.detail === 'not an approver') return 'notAnApprover';
  if (entry.detail === 'own case') return 'fourEyes';
  return undefined;
}

/**
 * The audit log, counting each refusal it records: every refusal is audited, so this one
 * place sees them all, whichever part of the bot refused.
 */
export function countingRefusals(audit: AuditLog, refused: (kind: RefusalKind) => void): AuditLog {
  return {
    async append(entry, id) {
      await audit.append(entry, id);
      const kind = refusalKindOf(entry);
      if (kind) refused(kind);
    },
    forCase: (caseNumber) => audit.forCase(caseNumber),
    forSubject: (cprHash, caseNumbers) => audit.forSubject(cprHash, caseNumbers),
  };
}
