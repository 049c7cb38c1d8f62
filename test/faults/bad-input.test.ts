import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { SUPPORT_CHANNEL_KEY } from '../../bot/support-channel';
import type { Case } from '../../cases/case';
import { parseCaseNumber } from '../../cases/case-number';
import { parseCpr } from '../../cases/cpr';
import { parseCvr } from '../../cases/cvr';
import { parseRecipientName } from '../../cases/recipient';
import { catalogues } from '../../texts';
import { post } from '../support/activities';
import { APPROVERS, startApprovalWorld, type ApprovalWorld } from '../support/approval-world';
import type { ConnectorCall } from '../support/connector-stand-in';
import {
  badCaseNumberAnswers,
  badCprAnswers,
  badCvrAnswers,
  badRecipientAnswers,
  FORBIDDEN_WORDS,
  inputClasses,
  malformedInputs,
  type InputClass,
  type MalformedInput,
} from './malformed-inputs';

/**
 * Bad input over HTTP: hundreds of malformed requests to /api/messages against one running
 * bot with a registered support channel and one filed case. Every input must be answered
 * below 500 without internal detail, the bot must keep serving, and nothing may change a case.
 */

const REQUESTER = 'staff-1';
const APPROVER = APPROVERS[0]!;
const ALL_STATES: Case['state'][] = ['filed', 'approved', 'sending', 'mail_sent', 'denied'];

/** Words and shapes that give away internals: exception names, stack frames, JS nothings. */
const LEAK_WORDS = /\b(?:Error|TypeError|RangeError|SyntaxError|stack|undefined|null|NaN)\b/;
const STACK_FRAME = /\bat\s+\S+\s+\(?[^\s()]+:\d+:\d+\)?|^\s+at\s/m;

/** What a user sees when a turn throws. */
const APOLOGIES = [catalogues.da['error.apology'], catalogues.en['error.apology']] as string[];

/** What one input got. */
interface Outcome {
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

let world: ApprovalWorld;
let dataDir: string;
let caseNumber: string;
let caseBefore: unknown;
let requesterCasesBefore: unknown;
let allCasesBefore: unknown;
let supportChannelBefore: unknown;
let inputs: MalformedInput[] = [];
const outcomes: Outcome[] = [];
const consoleLines: string[] = [];

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'unilogin-fuzz-'));
  world = await startApprovalWorld({ dataDir });
  await world.channel('register', APPROVER);
  caseNumber = await world.file(REQUESTER);
  caseBefore = await world.app.stores.cases.get(caseNumber);
  requesterCasesBefore = await world.app.stores.cases.listByRequester(REQUESTER, 100);
  allCasesBefore = await world.app.stores.cases.listByState(ALL_STATES, 100);
  supportChannelBefore = await world.app.stores.conversationReferences.get(SUPPORT_CHANNEL_KEY);
  inputs = malformedInputs({
    serviceUrl: world.serviceUrl,
    closedServiceUrl: await closedServiceUrl(),
    caseNumber,
    requesterId: REQUESTER,
    approverId: APPROVER,
  });
  // The SDK writes refused requests to the console; keep them with the input instead.
  for (const level of ['error', 'warn'] as const) {
    jest.spyOn(console, level).mockImplementation((...args: unknown[]) => {
      consoleLines.push(`console.${level}: ${args.map(show).join(' ')}`);
    });
  }
}, 60_000);

afterAll(async () => {
  console.log(summary(outcomes));
  jest.restoreAllMocks();
  await world?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('bad input to /api/messages', () => {
  it('has at least 200 inputs, and the "wrong answers" are wrong by the domain rules', () => {
    expect(caseBefore).toBeDefined();
    expect(inputs.length).toBeGreaterThanOrEqual(200);
    expect(new Set(inputs.map((i) => i.cls))).toEqual(new Set(inputClasses));
    const valid = [
      ...badCprAnswers().filter((a) => parseCpr(a).ok),
      ...badCvrAnswers().filter((a) => parseCvr(a).ok),
      ...badRecipientAnswers().filter((a) => parseRecipientName(a).ok),
      ...badCaseNumberAnswers().filter((a) => parseCaseNumber(a).ok),
    ];
    expect(valid).toEqual([]);
    const typed = inputs.flatMap((i) => (typeof i.body === 'string' ? [i.body] : []));
    for (const word of FORBIDDEN_WORDS) {
      expect(typed.filter((body) => body.includes(`"text":"${word}"`))).toEqual([]);
    }
  });

  it('the leak check finds stack traces and exception names, not Danish "at"', () => {
    expect(leakIn(['TypeError: x is not a function'])).toBeDefined();
    expect(leakIn(['oops\n    at Foo.bar (/work/main/bot/x.ts:12:5)'])).toBeDefined();
    expect(leakIn(['Cannot read properties of undefined'])).toBeDefined();
    expect(
      leakIn([catalogues.da['command.cancelled'], catalogues.en['help.text']]),
    ).toBeUndefined();
  });

  for (const cls of inputClasses) {
    it(`${cls}: every input is answered below 500, politely, and the bot keeps serving`, async () => {
      const mine = inputs.filter((i) => i.cls === cls);
      // Unreachable serviceUrls make the SDK retry for seconds: those go out together.
      const results =
        cls === 'bad-service-url' ? await Promise.all(mine.map(run)) : await runInTurn(mine);
      outcomes.push(...results);
      expect(results.flatMap(problemsOf)).toEqual([]);
    }, 60_000);
  }

  it('leaves the filed case, the requester’s cases and the support channel unchanged', async () => {
    await new Promise((resolve) => setTimeout(resolve, 200));
    const stores = world.app.stores;
    expect(await stores.cases.get(caseNumber)).toEqual(caseBefore);
    expect(await stores.cases.listByRequester(REQUESTER, 100)).toEqual(requesterCasesBefore);
    expect(await stores.cases.listByState(ALL_STATES, 100)).toEqual(allCasesBefore);
    expect(await stores.conversationReferences.get(SUPPORT_CHANNEL_KEY)).toEqual(
      supportChannelBefore,
    );
  });

  it('lets no input add properties to Object.prototype', () => {
    const probe: Record<string, unknown> = {};
    expect(probe.polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
  });
});

async function runInTurn(mine: MalformedInput[]): Promise<Outcome[]> {
  const results: Outcome[] = [];
  for (const input of mine) results.push(await run(input));
  return results;
}

/** Sends one input (after its setup turns) and collects what it got. */
async function run(input: MalformedInput): Promise<Outcome> {
  const setupStatuses: number[] = [];
  for (const activity of input.setup ?? [])
    setupStatuses.push(await post(world.app.port, activity));
  const calls = world.connector.calls.length;
  const logs = world.app.logs.length;
  const consoled = consoleLines.length;
  const uploadsBefore = new Set(uploadFiles());
  const { status, body } = await send(input);
  const healthy = await fetch(`http://127.0.0.1:${world.app.port}/healthz`)
    .then((res) => res.status === 200)
    .catch(() => false);
  return {
    input,
    status,
    responseBody: body,
    setupStatuses,
    replies: world.connector.calls
      .slice(calls)
      .filter((c) => c.method === 'POST' || c.method === 'PUT')
      .map((c) => c.body),
    errorLogs: world.app.logs.slice(logs).flatMap(errorLine),
    consoleLines: consoleLines.slice(consoled),
    healthy,
    leftFiles: removeNewUploads(uploadsBefore),
  };
}

/** restify's multipart parser (formidable) writes uploads to the temp folder as upload_*. */
function uploadFiles(): string[] {
  return fs.readdirSync(os.tmpdir()).filter((name) => name.startsWith('upload_'));
}

function removeNewUploads(before: Set<string>): string[] {
  const left = uploadFiles().filter((name) => !before.has(name));
  return left.map((name) => {
    const file = path.join(os.tmpdir(), name);
    const size = fs.statSync(file).size;
    fs.rmSync(file, { force: true });
    return `upload_… of ${size} bytes`;
  });
}

async function send(input: MalformedInput): Promise<{ status: number | string; body: string }> {
  const body = typeof input.body === 'function' ? input.body() : input.body;
  const init = {
    method: input.method,
    headers: input.headers,
    body,
    signal: AbortSignal.timeout(input.timeoutMs),
    ...(typeof input.body === 'function' ? { duplex: 'half' } : {}),
  };
  try {
    const res = await fetch(`http://127.0.0.1:${world.app.port}/api/messages`, init as RequestInit);
    return { status: res.status, body: await res.text() };
  } catch (error) {
    const cause = (error as { cause?: { message?: string } }).cause?.message;
    return { status: `no answer (${show(error)}${cause ? `: ${cause}` : ''})`, body: '' };
  }
}

/** Everything wrong with an outcome, each as one line naming the input. */
function problemsOf(outcome: Outcome): string[] {
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
    // Any 4xx is a refusal: a request refused at the door (413, 415, 400) needs no reply.
    const refused = status >= 400 && status < 500;
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

function leakIn(strings: string[]): string | undefined {
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
function errorLine(line: string): string[] {
  try {
    const entry = JSON.parse(line) as { level: number; msg?: string; err?: { message?: string } };
    if (entry.level < 50) return [];
    const detail = `${entry.msg ?? ''}${entry.err?.message ? `: ${entry.err.message}` : ''}`;
    return [detail.replace(/\s+/g, ' ').slice(0, 200)];
  } catch {
    return [line.slice(0, 200)];
  }
}

function show(value: unknown): string {
  const { name, message } = (value ?? {}) as { name?: unknown; message?: unknown };
  if (typeof name === 'string' && typeof message === 'string') return `${name}: ${message}`;
  if (typeof value === 'string') return value;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** A serviceUrl on a loopback port that nothing listens on. */
async function closedServiceUrl(): Promise<string> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}/`;
}

/** One line per input class: how many inputs got which status, with how many replies. */
function summary(all: Outcome[]): string {
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
