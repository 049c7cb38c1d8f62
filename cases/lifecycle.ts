import type { AuditEntry } from './audit';
import {
  MAX_ANSWER_LENGTH,
  MAX_QUESTION_LENGTH,
  questionsOf,
  type Case,
  type CaseIn,
  type CaseState,
  type Person,
} from './case';
import { hasCprShape, maskCprShapes } from './cpr-shape';
import type { Effect } from './effects';

/**
 * The lifecycle of a case, in one place:
 *
 * | command      | from              | to             | effects                                    |
 * |--------------|-------------------|----------------|--------------------------------------------|
 * | ask          | filed             | info_requested | updateCard, tellRequester(question, and a  |
 * |              |                   |                | reminder after 2 days)                     |
 * | answer       | info_requested    | filed          | updateCard, replyInThread                  |
 * | approve      | filed, info_req.  | approved       | sendMail, updateCard                       |
 * | deny         | filed, info_req.  | denied         | updateCard, tellRequester(denied)          |
 * | startSending | approved, sending | sending   | (none)                               |
 * | mailFailed   | sending           | sending   | updateCard (first failure only)      |
 * | mailSent     | sending           | mail_sent | updateCard, tellRequester(mailSent)  |
 *
 * A case waiting for an answer shows no Approve or Deny, but a decision from a card rendered
 * before the question was asked still counts: the first writer wins, and a later answer is
 * told that the case was decided.
 *
 * Filing creates a case in `filed` with a postCard job (`file-case.ts`). Every transition is a
 * pure function; storage applies its result in one write that holds only if the stored state
 * is still one of `from`, together with the effects as durable jobs and the audit entry.
 */

/** Everything that can happen to a filed case. */
export type Command =
  | { kind: 'ask'; by: Person; question: string }
  /** `questionAt` names the question answered (the card it was typed on). */
  | { kind: 'answer'; by: Person; text: string; questionAt: string }
  | { kind: 'approve'; by: Person; institutionListed: boolean }
  | { kind: 'deny'; by: Person; reason: string }
  | { kind: 'startSending' }
  | { kind: 'mailFailed'; error: string }
  | { kind: 'mailSent'; messageId?: string; username?: string; replacedEarlier: boolean };

/** Why a command was refused. */
export type Refusal =
  | 'notAnApprover'
  | 'ownCase'
  | 'wrongState'
  | 'institutionUnknown'
  | 'reasonMissing'
  /** The reason held a CPR-shaped number: it would be stored, audited and sent in clear. */
  | 'reasonHasCpr'
  | 'questionMissing'
  | 'questionHasCpr'
  | 'questionTooLong'
  /** Only the requester may answer their case's question. */
  | 'notRequester'
  /** The question answered is no longer open (answered already, or another one is). */
  | 'alreadyAnswered'
  | 'answerMissing'
  | 'answerHasCpr'
  | 'answerTooLong';

/** A transition's result: the case as it becomes, what must follow, and what to audit. */
export interface Transition {
  next: Case;
  effects: Effect[];
  audit?: AuditEntry;
}

/** A refused command, with a short reason fit for the audit log. */
export interface Refused {
  refused: Refusal;
  detail: string;
}

/** The rules that depend on configuration: who the approvers are. */
export interface Rules {
  /** Decided on the server from configuration, never from anything a card sends. */
  isApprover(aadObjectId: string): boolean;
}

/** The longest denial reason kept. */
export const MAX_REASON_LENGTH = 500;

/** Free text as kept: control characters removed, spaces folded, trimmed. */
export const cleanText = (typed: string): string =>
  typed
    .replace(/\p{Cc}/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();

/** A denial reason as kept: cleaned, and cut at the longest length kept. */
export function cleanReason(reason: string): string {
  return cleanText(reason).slice(0, MAX_REASON_LENGTH).trimEnd();
}

/** How long after a question the requester is reminded of it, once. */
export const QUESTION_REMINDER_MS = 2 * 24 * 60 * 60 * 1000;

type CommandOf<K extends Command['kind']> = Extract<Command, { kind: K }>;

interface Row<K extends Command['kind'], S extends CaseState> {
  from: readonly S[];
  apply(current: CaseIn<S>, command: CommandOf<K>, now: Date): Transition | Refused;
}

const row = <K extends Command['kind'], S extends CaseState>(
  from: readonly S[],
  apply: Row<K, S>['apply'],
): Row<K, S> => ({ from, apply });

const entry = (
  value: Case,
  actor: AuditEntry['actor'],
  action: string,
  now: Date,
  detail?: string,
) =>
  ({
    at: now.toISOString(),
    actor,
    action,
    caseNumber: value.caseNumber,
    cprHash: value.subject.cprHash,
    ...(detail ? { detail } : {}),
  }) satisfies AuditEntry;

const OUTBOX = { system: 'outbox' };

/** The table of transitions: for each command, the states it may start from and its rule. */
export const lifecycle = {
  ask: row<'ask', 'filed'>(['filed'], (current, { by, question }, now) => {
    const cleaned = cleanText(question);
    if (!cleaned) return refuse('questionMissing', 'question without text');
    // Refused, not cut: a cut could leave part of a CPR behind the check below.
    if (cleaned.length > MAX_QUESTION_LENGTH) return refuse('questionTooLong', 'question too long');
    if (hasCprShape(cleaned)) return refuse('questionHasCpr', 'question held a CPR number');
    const askedAt = now.toISOString();
    const reminderAt = new Date(now.getTime() + QUESTION_REMINDER_MS).toISOString();
    return {
      next: {
        ...current,
        state: 'info_requested',
        questions: [...questionsOf(current), { question: cleaned, askedBy: by, askedAt }],
      },
      effects: [
        { kind: 'updateCard' },
        { kind: 'tellRequester', notice: 'question', questionAt: askedAt },
        {
          kind: 'tellRequester',
          notice: 'questionReminder',
          questionAt: askedAt,
          notBefore: reminderAt,
        },
      ],
      // The question is free text about a person: kept on the case, never in the audit log.
      audit: entry(current, by, 'case.info_requested', now),
    };
  }),

  answer: row<'answer', 'info_requested'>(['info_requested'], (current, command, now) => {
    const open = current.questions.at(-1)!;
    if (open.askedAt !== command.questionAt || open.answer) {
      return refuse('alreadyAnswered', 'answer to a question that is not open');
    }
    const cleaned = cleanText(command.text);
    if (!cleaned) return refuse('answerMissing', 'answer without text');
    if (cleaned.length > MAX_ANSWER_LENGTH) return refuse('answerTooLong', 'answer too long');
    if (hasCprShape(cleaned)) return refuse('answerHasCpr', 'answer held a CPR number');
    const answer = { text: cleaned, by: command.by, at: now.toISOString() };
    const { questions: _q, state: _s, ...rest } = current;
    return {
      next: {
        ...rest,
        state: 'filed',
        questions: [...current.questions.slice(0, -1), { ...open, answer }],
      },
      effects: [{ kind: 'updateCard' }, { kind: 'replyInThread', questionAt: open.askedAt }],
      audit: entry(current, command.by, 'case.info_answered', now),
    };
  }),

  approve: row<'approve', 'filed' | 'info_requested'>(
    ['filed', 'info_requested'],
    (current, { by, institutionListed }, now) => {
      if (!institutionListed)
        return refuse('institutionUnknown', 'institution not in the directory');
      return {
        next: { ...current, state: 'approved', decision: { by, at: now.toISOString() } },
        effects: [{ kind: 'sendMail' }, { kind: 'updateCard' }],
        audit: entry(current, by, 'case.approved', now),
      };
    },
  ),

  deny: row<'deny', 'filed' | 'info_requested'>(
    ['filed', 'info_requested'],
    (current, { by, reason }, now) => {
      const cleaned = cleanReason(reason);
      if (!cleaned) return refuse('reasonMissing', 'denial without a reason');
      if (hasCprShape(cleaned)) return refuse('reasonHasCpr', 'denial reason held a CPR number');
      return {
        next: {
          ...current,
          state: 'denied',
          decision: { by, at: now.toISOString(), reason: cleaned },
        },
        effects: [{ kind: 'updateCard' }, { kind: 'tellRequester', notice: 'denied' }],
        // The reason is free text about a person: kept on the case (until retention erases it),
        // never in the append-only audit log.
        audit: entry(current, by, 'case.denied', now),
      };
    },
  ),

  startSending: row<'startSending', 'approved' | 'sending'>(['approved', 'sending'], (current) => ({
    next: {
      ...current,
      state: 'sending',
      attempt: current.state === 'sending' ? current.attempt + 1 : 1,
      inFlight: true,
    },
    effects: [],
  })),

  mailFailed: row<'mailFailed', 'sending'>(['sending'], (current, { error }, now) => {
    // A mail server's error text is shown on the card: it must not echo a CPR back.
    const lastError = maskCprShapes(error).slice(0, 300) || 'unknown error';
    return {
      next: { ...current, inFlight: false, lastError },
      // The card says "retrying" from the first failure on; later failures change nothing on it.
      effects: current.lastError === undefined ? [{ kind: 'updateCard' }] : [],
      audit: entry(current, OUTBOX, 'mail.failed', now, lastError),
    };
  }),

  mailSent: row<'mailSent', 'sending'>(['sending'], (current, command, now) => {
    const { attempt: _a, inFlight: _i, lastError: _e, ...rest } = current;
    const mail = {
      sentAt: now.toISOString(),
      ...(command.messageId ? { messageId: command.messageId } : {}),
      ...(command.username ? { username: command.username } : {}),
    };
    const replaced = command.replacedEarlier
      ? 'replaces a mail that may have been sent before'
      : undefined;
    return {
      next: { ...rest, state: 'mail_sent', mail },
      effects: [{ kind: 'updateCard' }, { kind: 'tellRequester', notice: 'mailSent' }],
      audit: entry(current, OUTBOX, 'case.mail_sent', now, replaced),
    };
  }),
} satisfies {
  [K in Command['kind']]: { from: readonly CaseState[]; apply: Row<K, never>['apply'] };
};

function refuse(refused: Refusal, detail: string): Refused {
  return { refused, detail };
}

/** The states a command may start from. */
export function statesFor(command: Command): readonly CaseState[] {
  return lifecycle[command.kind].from;
}

/** Who may decide: an approver, and never on a case they filed themselves (four eyes). */
function deciderProblem(current: Case, by: Person, rules: Rules): Refused | undefined {
  if (!rules.isApprover(by.aadObjectId)) return refuse('notAnApprover', 'not an approver');
  if (current.requester.aadObjectId === by.aadObjectId) return refuse('ownCase', 'own case');
  return undefined;
}

/** True when `person` may decide `current` (the buttons are shown to them). */
export function mayDecide(current: Case, person: Person, rules: Rules): boolean {
  return deciderProblem(current, person, rules) === undefined;
}

/**
 * Applies a command to a case: who first (a non-approver learns nothing of the case's state),
 * then whether the state allows it, then the command's own rule.
 */
export function transition(
  current: Case,
  command: Command,
  now: Date,
  rules: Rules,
): Transition | Refused {
  if (command.kind === 'approve' || command.kind === 'deny' || command.kind === 'ask') {
    const problem = deciderProblem(current, command.by, rules);
    if (problem) return problem;
  }
  if (command.kind === 'answer' && command.by.aadObjectId !== current.requester.aadObjectId) {
    return refuse('notRequester', 'answer from someone who did not file the case');
  }
  const { from, apply } = lifecycle[command.kind] as Row<Command['kind'], CaseState>;
  if (!from.includes(current.state)) {
    if (command.kind === 'answer' && current.state === 'filed') {
      return refuse('alreadyAnswered', 'answer to a question that is not open');
    }
    const open = current.state === 'filed' || current.state === 'info_requested';
    return refuse('wrongState', open ? 'not allowed now' : 'already decided');
  }
  return apply(current, command, now);
}

/** True for a refused command. */
export const isRefused = (result: Transition | Refused): result is Refused => 'refused' in result;
