import type { Activity } from 'botbuilder';
import { personalMessage } from '../support/activities';
import { cardInvoke } from '../support/approval-world';

/** The kinds of bad input, one summary line each. */
export const inputClasses = [
  'broken-json',
  'non-utf8',
  'content-type',
  'wrong-method',
  'oversized',
  'missing-fields',
  'bad-service-url',
  'unknown-type',
  'unknown-invoke',
  'invoke-wrong-types',
  'invoke-harmless',
  'message-value',
  'dialog-cpr',
  'dialog-cvr',
  'dialog-recipient',
  'dialog-case-number',
  'status-injection',
  'odd-text',
  'channel-garbage',
  'prototype-pollution',
  'group-chat',
] as const;
export type InputClass = (typeof inputClasses)[number];

/**
 * What the right answer is:
 * - a number: exactly that status;
 * - `client-error`: a 4xx (the request is refused, no turn runs or the turn refuses it);
 * - `answered`: anything below 500.
 */
export type Expectation = number | 'client-error' | 'answered';

/** One bad request to `/api/messages`. */
export interface MalformedInput {
  cls: InputClass;
  name: string;
  method: string;
  /** A stream body is made fresh for every send (it can be read once). */
  body: string | Uint8Array | (() => ReadableStream<Uint8Array>) | undefined;
  headers: Record<string, string>;
  expect: Expectation;
  /** Messages that put the conversation mid-dialog before this input (answers must be 200). */
  setup?: Partial<Activity>[];
  /** True when the bot must answer this input with at least one message or an invoke body. */
  wantsReply: boolean;
  /** False when the activity's serviceUrl cannot be reached on purpose: no reply is seen. */
  repliesReachable: boolean;
  /** When set, every message the bot sends for this input must be one of these texts. */
  onlyReplies?: string[];
  /** An invoke: the HTTP body is what the Teams client shows. */
  invoke: boolean;
  /** How long to wait for the HTTP answer. */
  timeoutMs: number;
}

/** What the generator needs to know about the world it fuzzes. */
export interface FuzzContext {
  /** The connector stand-in. */
  serviceUrl: string;
  /** A loopback port that nothing listens on. */
  closedServiceUrl: string;
  /** The one filed case. */
  caseNumber: string;
  /** Who filed it (AAD object id). */
  requesterId: string;
  /** An approver id from APPROVER_IDS. */
  approverId: string;
}

/** The channel conversation that `channelMessage` and `cardInvoke` post in. */
export const CHANNEL_CONVERSATION = '19:support@thread.tacv2;messageid=1';

export const JSON_TYPE = { 'content-type': 'application/json' };
export const utf8 = (s: string) => new TextEncoder().encode(s);
export const json = (value: unknown) => JSON.stringify(value);

/** What the generators of each class of input share: the world, and ways to add inputs. */
export interface InputBuilder {
  ctx: FuzzContext;
  inputs: MalformedInput[];
  /** A conversation id that no other input uses. */
  conv(cls: string): string;
  /** Adds a POST of a JSON body; `more` overrides the defaults. */
  add(
    cls: InputClass,
    name: string,
    body: MalformedInput['body'],
    more?: Partial<MalformedInput>,
  ): void;
  /** A well-formed personal message from the requester, in a conversation of its own. */
  message(text: string, cls?: string, userId?: string): Record<string, unknown>;
  /** An approval-card invoke carrying `value`, from an approver unless told otherwise. */
  asInvoke(value: unknown, from?: string, extra?: Record<string, unknown>): Partial<Activity>;
  /** The value of an Action.Execute invoke. */
  action(verb: unknown, data: unknown, more?: Record<string, unknown>): unknown;
}

/** A builder over an empty list of inputs. */
export function inputBuilder(ctx: FuzzContext): InputBuilder {
  const inputs: MalformedInput[] = [];
  let n = 0;
  const conv = (cls: string) => `fuzz-${cls}-${++n}`;
  return {
    ctx,
    inputs,
    conv,
    add(cls, name, body, more = {}) {
      inputs.push({
        cls,
        name,
        method: 'POST',
        body,
        headers: { ...JSON_TYPE },
        expect: 'answered',
        wantsReply: false,
        repliesReachable: true,
        invoke: false,
        timeoutMs: 15_000,
        ...more,
      });
    },
    message: (text, cls = 'msg', userId = ctx.requesterId) =>
      personalMessage(ctx.serviceUrl, conv(cls), text, { userId }) as Record<string, unknown>,
    asInvoke: (value, from = ctx.approverId, extra = {}) => ({
      ...cardInvoke(ctx.serviceUrl, 'case.approve', {}, from),
      value,
      ...extra,
    }),
    action: (verb, data, more = {}) => ({
      action: { type: 'Action.Execute', verb, data, ...more },
      trigger: 'manual',
    }),
  };
}

/** A short, printable description of a typed text: control and invisible characters escaped. */
export function describeText(text: string): string {
  const shown = text.length > 40 ? `${text.slice(0, 20)}… (${text.length} chars)` : text;
  const invisible = (code: number) =>
    code < 0x20 ||
    (code >= 0x7f && code <= 0x9f) ||
    (code >= 0x200b && code <= 0x200f) ||
    (code >= 0x202a && code <= 0x202e) ||
    (code >= 0x2060 && code <= 0x2064) ||
    code === 0xfeff;
  const escaped = Array.from(shown, (c) => {
    const code = c.codePointAt(0) ?? 0;
    return invisible(code) ? `\\u${code.toString(16).padStart(4, '0')}` : c;
  }).join('');
  return `"${escaped}"`;
}

/** JSON of an object nested `depth` deep (built as text: JSON.stringify would recurse). */
export function nestedJson(depth: number): string {
  return `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
}
