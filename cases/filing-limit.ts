import type { Requester } from './case';
import type { CaseNumber } from './case-number';
import type { WorkflowDeps } from './workflow-deps';

/** How many cases one staff member may file in an hour, unless configured otherwise. */
export const DEFAULT_FILINGS_PER_HOUR = 20;

const HOUR_MS = 60 * 60 * 1000;

/**
 * True when the requester may file one more case now. A case already filed under
 * `caseNumber` (a retried or doubled confirm) is no new filing and is always let through.
 * A refusal is audited.
 */
export async function mayFile(
  deps: WorkflowDeps,
  requester: Requester,
  caseNumber: CaseNumber,
  perHour: number,
): Promise<boolean> {
  if (await deps.cases.get(caseNumber)) return true;
  const newest = await deps.cases.listByRequester(requester.aadObjectId, perHour);
  const since = deps.now().getTime() - HOUR_MS;
  if (newest.filter((c) => Date.parse(c.filedAt) > since).length < perHour) return true;
  await deps.audit.append({
    at: deps.now().toISOString(),
    actor: { aadObjectId: requester.aadObjectId, name: requester.name },
    action: 'case.file.refused',
    caseNumber,
    detail: `rate limit: ${perHour} filings per hour`,
  });
  return false;
}
