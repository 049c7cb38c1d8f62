import {
  questionsOf,
  type Case,
  type CaseState,
  type JobKind,
  type RequestedItems,
} from '../cases/case';
import type { EarlierCase } from '../cases/duplicate-guard';
import { erasure } from './retention-label';

/** What the approval card shows of a case: flat, the CPR only masked, no ciphertext or hash. */
export interface ApprovalView {
  caseNumber: string;
  kind: 'new' | 'forgotten';
  /** Forgotten login only. */
  requested?: RequestedItems;
  earlierCaseNumber?: string;
  /** Undefined once erased after the retention period (see `erased`). */
  cprMasked?: string;
  cvr: string;
  /** The institution's name, or undefined when its CVR is not in the directory. */
  institutionName?: string;
  /** Forgotten login only: the institution of the earlier case, when that case exists. */
  earlierInstitution?: EarlierInstitution;
  /** Undefined once erased after the retention period. */
  recipient?: string;
  requesterName: string;
  filedAt: string;
  state: CaseState;
  decidedBy?: string;
  decidedAt?: string;
  denialReason?: string;
  /** When the personal data was erased, and under which retention period (days). */
  erased?: { at: string; afterDays: number };
  /** Set while the mail waits: `retrying` once an attempt has failed. */
  mail?: 'waiting' | 'retrying';
  mailSentAt?: string;
  /** Side effects that could not succeed. */
  failures: { job: JobKind; at: string }[];
  /** The approvers' user ids: they get the card with buttons through `refresh`. */
  approverIds: readonly string[];
  /** Whether this rendering carries the Approve and Deny buttons. */
  withActions: boolean;
  /** A line for the one who clicked, e.g. that someone else was first. */
  notice?: string;
  /** The approvers' questions and the answers, oldest first (texts undefined once erased). */
  questions: QuestionView[];
  /** Every other case with the same CPR hash, oldest first. */
  earlierCases: EarlierCase[];
  /** Why staff asked for a new login although the CPR had an issued login or an open case. */
  duplicateReason?: string;
}

/** A question on the card: who asked what and when, and the answer once given. */
export interface QuestionView {
  question?: string;
  askedBy: string;
  askedAt: string;
  answer?: { text?: string; by: string; at: string };
}

/** An earlier case's institution: its CVR, and its name when the directory has it. */
export interface EarlierInstitution {
  cvr: string;
  name?: string;
}

/** How the card is shown, beyond the case itself. */
export type ApprovalViewOptions = Pick<
  ApprovalView,
  | 'institutionName'
  | 'approverIds'
  | 'withActions'
  | 'notice'
  | 'earlierInstitution'
  | 'earlierCases'
>;

const textOf = (value: string | object): string | undefined =>
  typeof value === 'string' ? value : undefined;

function questionViews(value: Case): QuestionView[] {
  return questionsOf(value).map(({ question, askedBy, askedAt, answer }) => ({
    question: textOf(question),
    askedBy: askedBy.name,
    askedAt,
    ...(answer ? { answer: { text: textOf(answer.text), by: answer.by.name, at: answer.at } } : {}),
  }));
}

/** Maps a case to the approval card's view. */
export function approvalViewOf(value: Case, options: ApprovalViewOptions): ApprovalView {
  const decision = 'decision' in value ? value.decision : undefined;
  const duplicateReason =
    value.request.kind === 'new' ? textOf(value.request.duplicateReason ?? {}) : undefined;
  const erased = erasure(value);
  return {
    caseNumber: value.caseNumber,
    kind: value.request.kind,
    ...(value.request.kind === 'forgotten'
      ? { requested: value.request.requested, earlierCaseNumber: value.request.earlierCaseNumber }
      : {}),
    ...('cprMasked' in value.subject ? { cprMasked: value.subject.cprMasked } : {}),
    cvr: value.institution.cvr,
    ...(typeof value.institution.recipient === 'string'
      ? { recipient: value.institution.recipient }
      : {}),
    requesterName: value.requester.name,
    filedAt: value.filedAt,
    state: value.state,
    ...(decision ? { decidedBy: decision.by.name, decidedAt: decision.at } : {}),
    ...(value.state === 'denied' && typeof value.decision.reason === 'string'
      ? { denialReason: value.decision.reason }
      : {}),
    ...(erased ? { erased } : {}),
    ...(value.state === 'approved' ? { mail: 'waiting' } : {}),
    ...(value.state === 'sending' ? { mail: value.lastError ? 'retrying' : 'waiting' } : {}),
    ...(value.state === 'mail_sent' ? { mailSentAt: value.mail.sentAt } : {}),
    failures: value.failures.map(({ job, at }) => ({ job, at })),
    questions: questionViews(value),
    ...(duplicateReason ? { duplicateReason } : {}),
    ...options,
  };
}
