import { catalogues } from '../../texts';
import type { ConnectorCall } from '../support/connector-stand-in';
import { inputClasses, type InputClass, type MalformedInput } from './malformed-inputs';

/** Words and shapes that give away internals: exception names, stack frames, JS nothings. */
const LEAK_WORDS = /\b(?:Error|TypeError|RangeError|SyntaxError|stack|undefined|null|NaN)\b/;
const STACK_FRAME = /\bat\s+\S+\s+\(?[^\s()]+:\d+:\d+\)?|^\s+at\s/m;

/** What a user sees when a turn throws. */
const APOLOGIES = [catalogues.da['error.apology'], catalogues.en['error.apology']] as string[];

/** What one input got. */
export interface Outcome {
  input: MalformedInput;
  /** The HTTP status, or why there was none. */
  status: number | string;
  responseBody: string;
  setupStatuses: number[];
  /** What the bot sent to the connector while handling the input. */
  replies: ConnectorCall['body'][];
  /** Error-level log lines written while handling the input. */
  errorLogs: string[];
  /** What the SDK wrote to console.error / console.warn meanwhile. */
  consoleLines: string[];
  healthy: boolean;
  /** Upload files the input left in the temp folder (removed by the test). */
  leftFiles: string[];
}

/** Everything wrong with an outcome, each as one line naming the input. */
export function problemsOf(outcome: Outcome): string[] {
  const { input, status } = outcome;
  const problems: string[] = [];
  const say = (problem: string) => problems.push(`${input.cls} / ${input.name}: ${problem}`);

  outcome.setupStatuses
    .filter((s) => s !== 200)
    .forEach((s) => say(`a setup message was answered ${s}`));
  if (typeof status !== 'number') {
    say(status);
  } else {
    const shown = outcome.responseBody ? ` ${outcome.responseBody.slice(0, 160)}` : '';
    // Any 4xx is a refusal: a request refused at the door (413, 415, 400) needs no reply. An
    // invoke's status is what the Teams client acts on, so it must be exactly the one expected.
    const refused = status >= 400 && status < 500 && !input.invoke;
    if (status >= 500) say(`answered ${status}${shown}`);
    else if (typeof input.expect === 'number' && status !== input.expect && !refused)
      say(`answered ${status}, expected ${input.expect}${shown}`);
    else if (input.expect === 'client-error' && (status < 400 || status >= 500))
      say(`answered ${status}, expected a 4xx refusal`);
  }
  if (!outcome.healthy) say('/healthz did not answer 200 afterwards');
  outcome.leftFiles.forEach((file) => say(`left an upload in the temp folder: ${file}`));

  for (const reply of outcome.replies) {
    const shape = replyShapeProblem(reply);
    if (shape) say(shape);
    const leak = leakIn(stringsOf(reply));
    if (leak) say(`a reply leaks internal detail: ${leak}`);
  }
  if (input.invoke && typeof status === 'number' && outcome.responseBody) {
    const invokeProblem = invokeBodyProblem(status, outcome.responseBody);
    if (invokeProblem) say(invokeProblem);
  }
  if (typeof status === 'number' && status >= 500 && outcome.responseBody) {
    const leak = leakIn([outcome.responseBody]);
    if (leak) say(`the ${status} answer leaks internal detail: ${leak}`);
  }
  const messages = outcome.replies.filter((r) => r.type === 'message');
  const refusedAtTheDoor = typeof status === 'number' && status >= 400 && status < 500;
  if (
    input.wantsReply &&
    input.repliesReachable &&
    !input.invoke &&
    messages.length === 0 &&
    !refusedAtTheDoor
  )
    say('no reply was sent');
  for (const message of messages) {
    if (input.onlyReplies && !input.onlyReplies.includes(String(message.text))) {
      say(`replied ${show(String(message.text ?? '(a card)')).slice(0, 120)}`);
    }
  }
  if (input.wantsReply && input.invoke && !outcome.responseBody)
    say('the invoke was answered without a body');
  if (input.repliesReachable) {
    const apologised = messages.some((r) => APOLOGIES.includes(String(r.text)));
    outcome.errorLogs.forEach((line) =>
      say(`the turn failed (log: ${line})${apologised ? ', the user got the apology' : ''}`),
    );
  }
  return problems;
}

/** A reply must be a non-empty text or carry cards. */
function replyShapeProblem(reply: ConnectorCall['body']): string | undefined {
  if (reply.type !== 'message') return undefined;
  const text = reply.text;
  const attachments = (reply.attachments ?? []) as { contentType?: string; content?: unknown }[];
  const hasText = typeof text === 'string' && text.trim() !== '';
  const hasCards =
    attachments.length > 0 &&
    attachments.every((a) => typeof a.contentType === 'string' && isObject(a.content));
  if (text !== undefined && typeof text !== 'string') return `a reply's text is ${typeof text}`;
  if (!hasText && !hasCards) return `a reply is empty: ${show(reply).slice(0, 120)}`;
  return undefined;
}

/** An invoke answer is an Adaptive Card (200) or an error with a message (4xx). */
function invokeBodyProblem(status: number, body: string): string | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return `the invoke answer is not JSON: ${body.slice(0, 120)}`;
  }
  const leak = leakIn(stringsOf(parsed));
  if (leak) return `the invoke answer leaks internal detail: ${leak}`;
  if (!isObject(parsed)) return `the invoke answer is ${show(parsed)}`;
  const value = parsed.value as Record<string, unknown> | undefined;
  if (status === 200 && parsed.type === 'application/vnd.microsoft.card.adaptive') {
    return isObject(value) && value.type === 'AdaptiveCard' ? undefined : 'the card is not a card';
  }
  // A request that is not a well-formed activity is refused before it becomes an invoke.
  if (status === 400 && typeof parsed.error === 'string' && parsed.error.trim() !== '')
    return undefined;
  if (status >= 400 && parsed.type === 'application/vnd.microsoft.error') {
    return isObject(value) && typeof value.message === 'string' && value.message.trim() !== ''
      ? undefined
      : 'the error has no message';
  }
  return `the invoke answer (${status}) is neither a card nor an error: ${body.slice(0, 120)}`;
}

export function leakIn(strings: string[]): string | undefined {
  for (const s of strings) {
    const match = LEAK_WORDS.exec(s) ?? STACK_FRAME.exec(s);
    if (match) return `"${match[0]}" in ${JSON.stringify(s.slice(0, 160))}`;
  }
  return undefined;
}

/** Every string in a value (texts of a card, suggested actions and so on). */
function stringsOf(value: unknown, depth = 0): string[] {
  if (typeof value === 'string') return [value];
  if (depth > 50 || value === null || typeof value !== 'object') return [];
  return Object.values(value).flatMap((v) => stringsOf(v, depth + 1));
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The error-level lines of the bot's log, as `message: error`. */
export function errorLine(line: string): string[] {
  try {
    const entry = JSON.parse(line) as { level: number; msg?: string; err?: { message?: string } };
    if (entry.level < 50) return [];
    const detail = `${entry.msg ?? ''}${entry.err?.message ? `: ${entry.err.message}` : ''}`;
    return [detail.replace(/\s+/g, ' ').slice(0, 200)];
  } catch {
    return [line.slice(0, 200)];
  }
}

export function show(value: unknown): string {
  const { name, message } = (value ?? {}) as { name?: unknown; message?: unknown };
  if (typeof name === 'string' && typeof message === 'string') return `${name}: ${message}`;
  if (typeof value === 'string') return value;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** One line per input class: how many inputs got which status, with how many replies. */
export function summary(all: Outcome[]): string {
  const lines = [`bad input: ${all.length} inputs tried, ${all.filter(failed).length} mishandled`];
  for (const cls of inputClasses) {
    const mine = all.filter((o) => o.input.cls === cls);
    if (mine.length === 0) continue;
    const byStatus = new Map<string, Outcome[]>();
    for (const o of mine) {
      const key = typeof o.status === 'number' ? String(o.status) : 'no answer';
      byStatus.set(key, [...(byStatus.get(key) ?? []), o]);
    }
    const parts = [...byStatus].map(([status, group]) => {
      const replied = group.filter(
        (o) => o.replies.some((r) => r.type === 'message') || (o.input.invoke && o.responseBody),
      ).length;
      return `${group.length} × ${status}${replied ? ` (${replied} with a reply)` : ''}`;
    });
    const bad = mine.filter(failed).length;
    lines.push(`  ${label(cls)} ${parts.join(', ')}${bad ? `  [${bad} mishandled]` : ''}`);
  }
  return lines.join('\n');
}

function failed(outcome: Outcome): boolean {
  return problemsOf(outcome).length > 0;
}

function label(cls: InputClass): string {
  return `${cls}:`.padEnd(22);
}
