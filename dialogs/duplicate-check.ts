import { MAX_DUPLICATE_REASON_LENGTH } from '../cases/case';
import type { CaseNumber } from '../cases/case-number';
import {
  checkDuplicateReason,
  MIN_DUPLICATE_REASON_LENGTH,
  type DuplicateWarning,
} from '../cases/duplicate-guard';
import { duplicateCard } from '../cards/duplicate-card';
import { cardReply, textReply, type ChatTurn, type Reply } from './chat-turn';
import type { Step } from './conversation-deps';
import type { Intake } from './conversation-state';

/** The warning before the summary; what staff type next is their reason to go on. */
export function warnDuplicate(flow: Intake, warning: DuplicateWarning, turn: ChatTurn): Step {
  const { asking: _asked, duplicateReason: _reason, ...rest } = flow;
  const warned: Intake = {
    ...rest,
    phase: 'duplicate',
    duplicate: warning,
    duplicateChecked: false,
    attempts: 0,
  };
  return { flow: warned, replies: [cardReply(duplicateCard(warning, turn.language))] };
}

/** The warning again (a side question was answered meanwhile). */
export function repeatDuplicate(flow: Intake, turn: ChatTurn): Reply[] {
  const warning = flow.duplicate ?? { own: [], forgettable: [], elsewhere: 0 };
  return [cardReply(duplicateCard(warning, turn.language))];
}

/** A typed reason, cleaned, or the problem with it (no CPR: it is stored and shown). */
export function readDuplicateReason(
  turn: ChatTurn,
): { ok: true; reason: string } | { ok: false; reply: Reply } {
  const checked = checkDuplicateReason(turn.text);
  if (checked.ok) return checked;
  switch (checked.problem) {
    case 'short':
      return {
        ok: false,
        reply: textReply(turn, 'duplicate.reasonShort', { min: MIN_DUPLICATE_REASON_LENGTH }),
      };
    case 'long':
      return {
        ok: false,
        reply: textReply(turn, 'duplicate.reasonLong', { max: MAX_DUPLICATE_REASON_LENGTH }),
      };
    case 'cpr':
      return { ok: false, reply: textReply(turn, 'duplicate.reasonHasCpr') };
  }
}

/**
 * A forgotten login for an earlier case instead of a second new login: the answers given carry
 * over, and the earlier case is checked against them like any typed one.
 */
export function forgottenInstead(flow: Intake, earlierCaseNumber: CaseNumber): Intake {
  const { cpr, cvr, recipient } = flow.answers;
  return {
    flow: 'intake',
    kind: 'forgotten',
    answers: {
      earlierCaseNumber,
      ...(cpr ? { cpr } : {}),
      ...(cvr ? { cvr } : {}),
      ...(recipient ? { recipient } : {}),
    },
    phase: 'asking',
    attempts: 0,
    verified: false,
    mismatches: 0,
  };
}
