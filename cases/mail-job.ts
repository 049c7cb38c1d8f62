import type { Case } from './case';
import type { Versioned } from './ports';
import type { WorkflowDeps } from './workflow-deps';

/** How long a worker may hold a job before another may take it over. */
export const LEASE_MS = 60_000;
/** The longest wait between two attempts. */
export const MAX_BACKOFF_MS = 5 * 60_000;

/** A job a worker holds: the case as claimed, and whether an earlier attempt may have sent. */
export interface ClaimedJob {
  claimed: Versioned<Case>;
  /** The previous holder's lease ran out mid-send: its mail may have been accepted. */
  replacesEarlier: boolean;
}

/** True when the case's mail job may be taken now. */
export function isDue(value: Case, now: Date): boolean {
  const at = now.toISOString();
  if (value.state === 'approved') return (value.outbox?.nextAttemptAt ?? at) <= at;
  if (value.state === 'sending') return (value.outbox?.leaseUntil ?? at) <= at;
  return false;
}

/** The cases whose mail is due now, oldest first. */
export async function dueJobs(deps: WorkflowDeps, limit = 50): Promise<Versioned<Case>[]> {
  const now = deps.now();
  const waiting = await deps.cases.listByState(['approved', 'sending'], limit * 4);
  return waiting.filter((c) => isDue(c.value, now)).slice(0, limit);
}

/** Takes a due job with a lease, in one conditional write; undefined if another was first. */
export async function claimJob(
  deps: WorkflowDeps,
  caseNumber: string,
): Promise<ClaimedJob | undefined> {
  const found = await deps.cases.get(caseNumber);
  const now = deps.now();
  if (!found || !found.value.outbox || !isDue(found.value, now)) return undefined;
  const replacesEarlier = found.value.state === 'sending';
  const next: Case = {
    ...found.value,
    state: 'sending',
    outbox: {
      ...found.value.outbox,
      state: 'sending',
      attempts: found.value.outbox.attempts + 1,
      leaseUntil: new Date(now.getTime() + LEASE_MS).toISOString(),
    },
  };
  const written = await deps.cases.replace(next, found.version);
  if (!written.ok) return undefined;
  return { claimed: { value: next, version: written.version }, replacesEarlier };
}

/** Keeps the username issued for a claimed job (never a password). */
export async function recordUsername(
  deps: WorkflowDeps,
  job: ClaimedJob,
  username: string,
): Promise<ClaimedJob | undefined> {
  const next: Case = { ...job.claimed.value, username };
  const written = await deps.cases.replace(next, job.claimed.version);
  return written.ok ? { ...job, claimed: { value: next, version: written.version } } : undefined;
}

/** Closes the case once the mail server accepted the mail. */
export async function markMailSent(
  deps: WorkflowDeps,
  job: ClaimedJob,
  messageId: string | undefined,
): Promise<Case | undefined> {
  const { leaseUntil: _lease, lastError: _error, ...outbox } = job.claimed.value.outbox!;
  const sentAt = deps.now().toISOString();
  const next: Case = {
    ...job.claimed.value,
    state: 'mail_sent',
    outbox: { ...outbox, state: 'sent' },
    mail: { sentAt, ...(messageId ? { messageId } : {}) },
  };
  const written = await deps.cases.replace(next, job.claimed.version);
  if (!written.ok) return undefined;
  await deps.audit.append({
    at: sentAt,
    actor: { system: 'outbox' },
    action: 'case.mail_sent',
    caseNumber: next.caseNumber,
    cprHash: next.subject.cprHash,
    ...(job.replacesEarlier ? { detail: 'replaces a mail that may have been sent before' } : {}),
  });
  return next;
}

/** Puts a failed job back with exponential backoff, so the case shows "mail pending". */
export async function markMailFailed(
  deps: WorkflowDeps,
  job: ClaimedJob,
  reason: string,
): Promise<void> {
  const outbox = job.claimed.value.outbox!;
  const wait = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** Math.min(outbox.attempts, 16));
  const { leaseUntil: _lease, ...rest } = outbox;
  const next: Case = {
    ...job.claimed.value,
    state: 'approved',
    outbox: {
      ...rest,
      state: 'pending',
      nextAttemptAt: new Date(deps.now().getTime() + wait).toISOString(),
      lastError: reason.slice(0, 300),
    },
  };
  await deps.cases.replace(next, job.claimed.version);
  await deps.audit.append({
    at: deps.now().toISOString(),
    actor: { system: 'outbox' },
    action: 'mail.failed',
    caseNumber: next.caseNumber,
    detail: reason.slice(0, 300),
  });
}
