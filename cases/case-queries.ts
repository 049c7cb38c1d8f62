import type { Case, Requester } from './case';
import type { CaseNumber } from './case-number';
import type { WorkflowDeps } from './workflow-deps';

/** How many of a person's cases "my cases" lists. */
export const MY_CASES_LIMIT = 20;

async function auditRead(deps: WorkflowDeps, reader: Requester, value: Case, detail: string) {
  await deps.audit.append({
    at: deps.now().toISOString(),
    actor: { aadObjectId: reader.aadObjectId, name: reader.name },
    action: 'case.read',
    caseNumber: value.caseNumber,
    cprHash: value.subject.cprHash,
    detail,
  });
}

/**
 * A case as its requester may see it. Any case the reader did not file is answered exactly
 * as an unknown one, so that case numbers reveal nothing.
 */
export async function caseForRequester(
  deps: WorkflowDeps,
  caseNumber: CaseNumber,
  reader: Requester,
): Promise<Case | undefined> {
  const found = await deps.cases.get(caseNumber);
  if (!found || found.requester.aadObjectId !== reader.aadObjectId) {
    // A probe for someone else's (or no) case leaves a trace, without the case's CPR hash.
    await deps.audit.append({
      at: deps.now().toISOString(),
      actor: { aadObjectId: reader.aadObjectId, name: reader.name },
      action: found ? 'case.read.refused' : 'case.read.unknown',
      caseNumber,
    });
    return undefined;
  }
  await auditRead(deps, reader, found, 'status');
  return found;
}

/** The cases a person filed, newest first. */
export async function casesOfRequester(deps: WorkflowDeps, reader: Requester): Promise<Case[]> {
  const found = await deps.cases.listByRequester(reader.aadObjectId, MY_CASES_LIMIT);
  for (const value of found) await auditRead(deps, reader, value, 'my cases');
  return found;
}
