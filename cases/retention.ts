import type { AuditEntry } from './audit';
import { closedAt, type Case, type ErasedText, type LoginRequest, type Question } from './case';
import { jobsFor, type Effect, type Job } from './effects';
import type { CaseStore } from './ports';

/** How long a closed case keeps its personal data unless `RETENTION_DAYS` says otherwise. */
export const DEFAULT_RETENTION_DAYS = 90;
const DAY_MS = 24 * 60 * 60 * 1000;
const BATCH = 100;
/** Batches per run; what is left waits for the next run. */
const MAX_BATCHES = 50;
const ERASED: ErasedText = { erased: true };

/** What the purge needs. */
export interface RetentionDeps {
  cases: CaseStore;
  retentionDays: number;
  /** Told of the jobs an erasure queued (its audit entry, the card's update). */
  jobsQueued?(jobs: Job[]): void;
}

/**
 * The case with its personal data erased: the CPR (ciphertext and masked), the recipient's
 * name, the denial reason, the Unilogin username, and the free text of questions, answers and
 * a new login's reason to go on despite earlier cases. Kept: number, kind, states and times, CVR,
 * the keyed CPR hash, and the staff involved (requester and approver act for their employer;
 * the audit log names them too). Undefined for a case that is open or erased already.
 */
export function erasedCase(value: Case, now: Date, afterDays: number): Case | undefined {
  if ('erased' in value.subject || closedAt(value) === undefined) return undefined;
  const facts = {
    request: erasedRequest(value.request),
    ...(value.questions ? { questions: value.questions.map(erasedQuestion) } : {}),
    subject: {
      erased: true,
      cprHash: value.subject.cprHash,
      erasedAt: now.toISOString(),
      afterDays,
    },
    institution: { cvr: value.institution.cvr, recipient: ERASED },
  } as const;
  if (value.state === 'denied') {
    return { ...value, ...facts, decision: { ...value.decision, reason: ERASED } };
  }
  if (value.state === 'mail_sent') {
    const { username: _username, ...mail } = value.mail;
    return { ...value, ...facts, mail };
  }
  return undefined;
}

/** A new login's reason to go on despite earlier cases is free text about a person. */
function erasedRequest(request: LoginRequest): LoginRequest {
  if (request.kind !== 'new' || request.duplicateReason === undefined) return request;
  return { ...request, duplicateReason: ERASED };
}

/** A question and its answer lose their text; who asked and answered, and when, stay. */
function erasedQuestion(question: Question): Question {
  return {
    ...question,
    question: ERASED,
    ...(question.answer ? { answer: { ...question.answer, text: ERASED } } : {}),
  };
}

/** The effects of an erasure: its audit entry (no personal data) and the card shown anew. */
function erasureEffects(value: Case, now: Date, afterDays: number): Effect[] {
  const entry: AuditEntry = {
    at: now.toISOString(),
    actor: { system: 'retention' },
    action: 'case.erased',
    caseNumber: value.caseNumber,
    cprHash: value.subject.cprHash,
    detail: `personal data erased, closed more than ${afterDays} days ago`,
  };
  return [{ kind: 'audit', entry }, ...(value.thread ? [{ kind: 'updateCard' as const }] : [])];
}

/**
 * Erases the personal data of every case closed more than `retentionDays` before `now`. Each
 * case is one conditional write (only if not erased yet), so runs on several instances at once
 * erase, and audit, each case once. Resolves with how many cases this run erased.
 */
export async function purgeExpiredCases(deps: RetentionDeps, now: Date): Promise<number> {
  const before = new Date(now.getTime() - deps.retentionDays * DAY_MS).toISOString();
  let erased = 0;
  for (let batch = 0; batch < MAX_BATCHES; batch += 1) {
    const found = await deps.cases.listErasable(before, BATCH);
    for (const value of found) {
      const next = erasedCase(value, now, deps.retentionDays);
      if (!next) continue;
      const jobs = jobsFor(value.caseNumber, erasureEffects(value, now, deps.retentionDays), now);
      if (await deps.cases.erase(next, jobs)) {
        erased += 1;
        deps.jobsQueued?.(jobs);
      }
    }
    if (found.length < BATCH) break;
  }
  return erased;
}
