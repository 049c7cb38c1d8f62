import type { AuditEntry } from './audit';
import type { Case, Person } from './case';
import type { Cpr } from './cpr';
import type { WorkflowDeps } from './workflow-deps';

/** A case as exported to its subject: everything but the encrypted CPR and Teams internals. */
export type ExportedCase = Omit<Case, 'subject' | 'thread' | 'requester'> & {
  cprMasked?: string;
  requester: Person;
};

/** An audit entry as exported; a CPR hash or case of another person is left out of it. */
export type ExportedAuditEntry = Omit<AuditEntry, 'cprHash' | 'caseNumber'> & {
  caseNumber?: string;
  /** True when the entry carries this person's CPR hash. */
  namesSubject: boolean;
};

/** Everything stored about one CPR number, found by its keyed hash. */
export interface SubjectExport {
  exportedAt: string;
  exportedBy: Person;
  cprHash: string;
  cases: ExportedCase[];
  audit: ExportedAuditEntry[];
}

/** What an export request came to. */
export type SubjectExportOutcome =
  { outcome: 'exported'; export: SubjectExport } | { outcome: 'notAnApprover' };

type ExportDeps = Pick<WorkflowDeps, 'cases' | 'audit' | 'protection' | 'rules' | 'now'>;

/**
 * Exports every case and audit entry about one CPR, for an approver only. The export itself
 * is audited under the CPR hash; the CPR is never written anywhere.
 */
export async function exportForCpr(
  deps: ExportDeps,
  cpr: Cpr,
  reader: Person,
): Promise<SubjectExportOutcome> {
  const actor = { aadObjectId: reader.aadObjectId, name: reader.name };
  const at = deps.now().toISOString();
  const cprHash = deps.protection.hash(cpr);
  if (!deps.rules.isApprover(reader.aadObjectId)) {
    // Under the hash, so that the person's own export later shows who tried.
    await deps.audit.append({ at, actor, action: 'subject.export.refused', cprHash });
    return { outcome: 'notAnApprover' };
  }
  const cases = await deps.cases.listBySubject(cprHash);
  const own = new Set<string>(cases.map((value) => value.caseNumber));
  const entries = await deps.audit.forSubject(cprHash, [...own]);
  await deps.audit.append({ at, actor, action: 'subject.exported', cprHash });
  return {
    outcome: 'exported',
    export: {
      exportedAt: at,
      exportedBy: actor,
      cprHash,
      cases: cases.map(exportedCase),
      audit: entries.map((entry) => exportedEntry(entry, cprHash, own)),
    },
  };
}

function exportedCase(value: Case): ExportedCase {
  const { subject, thread: _thread, requester, ...rest } = value;
  return {
    ...rest,
    ...('cprMasked' in subject ? { cprMasked: subject.cprMasked } : {}),
    requester: { aadObjectId: requester.aadObjectId, name: requester.name },
  } as ExportedCase;
}

// An entry may name this person's case with another CPR's hash (a wrong forgotten-login try),
// or carry this CPR's hash on another person's case: neither other person is exported.
function exportedEntry(entry: AuditEntry, cprHash: string, own: Set<string>): ExportedAuditEntry {
  const { cprHash: entryHash, caseNumber, ...rest } = entry;
  return {
    ...rest,
    ...(caseNumber !== undefined && own.has(caseNumber) ? { caseNumber } : {}),
    namesSubject: entryHash === cprHash,
  };
}
