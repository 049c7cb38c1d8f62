import type { Activity } from 'botbuilder';
import { z } from 'zod';
import { parseCardAction, type CardAction } from '../cards/card-actions';
import { caseVerbs, DENY_REASON_INPUT, QUESTION_INPUT } from '../cards/case-verbs';
import { caseNumberSchema } from '../cases/case-number';
import { withoutMention } from './chat-turn-of';
import { aadObjectIdOf, fromAllowedTenant } from './turn-guard';
import type { CaseAction } from './approval-invoke';

/** What an incoming activity asks of the bot, parsed once; the routes table maps each kind. */
export type Incoming =
  /** Typed text in a personal chat. */
  | { kind: 'personalMessage' }
  /** A button on one of the personal chat's cards (Action.Submit). */
  | { kind: 'cardSubmit'; action: CardAction }
  /** A message in a group chat: the bot's dialogs run in personal chats only. */
  | { kind: 'groupMessage' }
  /** A message in a channel that is no channel command, or in a conversation of unknown type. */
  | { kind: 'outOfScope'; channel: boolean }
  /** An @mention of the bot in a team channel. */
  | { kind: 'channelMention'; command: 'register' | 'pending' | 'help' }
  /** A turn from a tenant not on ALLOWED_TENANT_IDS: refused, and nothing else runs. */
  | { kind: 'foreignTenant'; invoke: boolean; message: boolean }
  /** A message or invoke without the sender's AAD object id: nobody to act as. */
  | { kind: 'noActor'; invoke: boolean }
  /** Approve or deny on the approval card (Action.Execute). */
  | { kind: 'approvalInvoke'; action: Exclude<CaseAction, { verb: 'refresh' }> }
  /** The approval card asks for its current version (automatic or "Decide"). */
  | { kind: 'refreshInvoke'; action: Extract<CaseAction, { verb: 'refresh' }> }
  /** The bot was added to a conversation. */
  | { kind: 'installed'; personal: boolean }
  | { kind: 'unsupported'; reason: string; invoke: boolean };

const data = z.object({ caseNumber: caseNumberSchema });

/** An Action.Execute invoke from the approval card, with the verbs the card builders use. */
const caseActionSchema = z.object({
  action: z.discriminatedUnion('verb', [
    z.object({
      type: z.literal('Action.Execute'),
      verb: z.literal(caseVerbs.approve),
      data: data.strict(),
    }),
    z.object({
      type: z.literal('Action.Execute'),
      verb: z.literal(caseVerbs.deny),
      data: data.extend({ [DENY_REASON_INPUT]: z.string().max(2000).optional() }).strict(),
    }),
    z.object({
      type: z.literal('Action.Execute'),
      verb: z.literal(caseVerbs.refresh),
      data: data.strict(),
    }),
    z.object({
      type: z.literal('Action.Execute'),
      verb: z.literal(caseVerbs.ask),
      data: data.extend({ [QUESTION_INPUT]: z.string().max(2000).optional() }).strict(),
    }),
  ]),
});

function caseAction(value: unknown): Incoming {
  const parsed = caseActionSchema.safeParse(value);
  if (!parsed.success)
    return { kind: 'unsupported', reason: 'malformed card action', invoke: true };
  const { verb, data: fields } = parsed.data.action;
  const caseNumber = fields.caseNumber;
  if (verb === caseVerbs.refresh)
    return { kind: 'refreshInvoke', action: { verb: 'refresh', caseNumber } };
  if (verb === caseVerbs.approve)
    return { kind: 'approvalInvoke', action: { verb: 'approve', caseNumber } };
  if (verb === caseVerbs.ask) {
    const question = (fields as { [QUESTION_INPUT]?: string })[QUESTION_INPUT] ?? '';
    return { kind: 'approvalInvoke', action: { verb: 'ask', caseNumber, question } };
  }
  const reason = (fields as { [DENY_REASON_INPUT]?: string })[DENY_REASON_INPUT] ?? '';
  return { kind: 'approvalInvoke', action: { verb: 'deny', caseNumber, reason } };
}

const channelCommands = new Map<string, 'register' | 'pending' | 'help'>([
  ['registrer', 'register'],
  ['register', 'register'],
  ['afventende', 'pending'],
  ['pending', 'pending'],
  ['hjælp', 'help'],
  ['help', 'help'],
  ['', 'help'],
]);

function channelMessage(activity: Partial<Activity>): Incoming {
  const command = channelCommands.get(withoutMention(activity).toLowerCase());
  return command ? { kind: 'channelMention', command } : { kind: 'outOfScope', channel: true };
}

/** A message: the dialogs run only in a personal chat, channel commands only in a channel. */
function message(activity: Partial<Activity>): Incoming {
  switch (activity.conversation?.conversationType) {
    case 'personal': {
      const action = activity.value === undefined ? undefined : parseCardAction(activity.value);
      return action ? { kind: 'cardSubmit', action } : { kind: 'personalMessage' };
    }
    case 'channel':
      return channelMessage(activity);
    case 'groupChat':
      return { kind: 'groupMessage' };
    default:
      return { kind: 'outOfScope', channel: false };
  }
}

/**
 * Reads what an activity (already checked to be well-formed by the server) asks for. A turn
 * from a tenant not in `allowedTenantIds` (when given), and a message or invoke without the
 * sender's AAD object id, is refused before anything else is read.
 */
export function parseIncoming(
  activity: Partial<Activity>,
  allowedTenantIds?: readonly string[],
): Incoming {
  const conversationType = activity.conversation?.conversationType;
  const invoke = activity.type === 'invoke';
  if (!fromAllowedTenant(activity, allowedTenantIds))
    return { kind: 'foreignTenant', invoke, message: activity.type === 'message' };
  if ((invoke || activity.type === 'message') && !aadObjectIdOf(activity))
    return { kind: 'noActor', invoke };
  switch (activity.type) {
    case 'message':
      return message(activity);
    case 'invoke':
      if (activity.name === 'adaptiveCard/action') return caseAction(activity.value);
      return { kind: 'unsupported', reason: `invoke ${String(activity.name)}`, invoke: true };
    case 'conversationUpdate': {
      const botAdded = activity.membersAdded?.some((m) => m.id === activity.recipient?.id);
      const personal = conversationType === 'personal';
      if (botAdded) return { kind: 'installed', personal };
      return { kind: 'unsupported', reason: 'conversation update', invoke: false };
    }
    default:
      return { kind: 'unsupported', reason: `activity ${String(activity.type)}`, invoke: false };
  }
}
