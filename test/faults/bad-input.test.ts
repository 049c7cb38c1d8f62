import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { SUPPORT_CHANNEL_KEY } from '../../bot/support-channel';
import type { Case } from '../../cases/case';
import { parseCaseNumber, type CaseNumber } from '../../cases/case-number';
import { parseCpr } from '../../cases/cpr';
import { parseCvr } from '../../cases/cvr';
import { parseRecipientName } from '../../cases/recipient';
import { catalogues } from '../../texts';
import { post } from '../support/activities';
import { APPROVERS, startApprovalWorld, type ApprovalWorld } from '../support/approval-world';
import { describeEachBackend } from '../support/storage-backends';
import { until } from '../support/until';
import {
  badCaseNumberAnswers,
  badCprAnswers,
  badCvrAnswers,
  badRecipientAnswers,
  FORBIDDEN_WORDS,
  inputClasses,
  malformedInputs,
  type MalformedInput,
} from './malformed-inputs';
import { errorLine, leakIn, problemsOf, show, summary, type Outcome } from './outcome-checks';

/**
 * Bad input over HTTP: hundreds of malformed requests to /api/messages against one running
 * bot with a registered support channel and one filed case, on each store. Every input must
 * be answered below 500 without internal detail, the bot must keep serving, and nothing may
 * change a case.
 */

const REQUESTER = 'staff-1';
const APPROVER = APPROVERS[0]!;
const ALL_STATES: Case['state'][] = ['filed', 'approved', 'sending', 'mail_sent', 'denied'];

describeEachBackend('bad input to /api/messages', (backend) => {
  let world: ApprovalWorld;
  let caseNumber: CaseNumber;
  let caseBefore: Case | undefined;
  let requesterCasesBefore: unknown;
  let allCasesBefore: unknown;
  let supportChannelBefore: unknown;
  let inputs: MalformedInput[] = [];
  const outcomes: Outcome[] = [];
  const consoleLines: string[] = [];

  beforeAll(async () => {
    world = await startApprovalWorld(backend.fresh());
    await world.channel('register', APPROVER);
    caseNumber = (await world.file(REQUESTER)) as CaseNumber;
    const stores = world.app.stores;
    // The case is as it stays once its card is posted and its filing audited.
    await until(async () => (await stores.cases.get(caseNumber))?.thread !== undefined);
    await until(async () => (await stores.jobs.forCase(caseNumber)).length === 0);
    caseBefore = await stores.cases.get(caseNumber);
    requesterCasesBefore = await stores.cases.listByRequester(REQUESTER, 100);
    allCasesBefore = await stores.cases.listByState(ALL_STATES, 100);
    supportChannelBefore = await stores.conversationReferences.get(SUPPORT_CHANNEL_KEY);
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
    console.log(`[${backend.name}] ${summary(outcomes)}`);
    jest.restoreAllMocks();
    await world?.close();
  });

  it('has at least 200 inputs of every class, and the "wrong answers" are wrong by the domain rules', () => {
    expect(caseBefore?.thread).toBeDefined();
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
    // A decision would have written its jobs in the same write as the case: none may wait.
    const stores = world.app.stores;
    expect(await stores.jobs.forCase(caseNumber)).toEqual([]);
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
    const { status, body } = await send(world, input);
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
});

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

async function send(
  world: ApprovalWorld,
  input: MalformedInput,
): Promise<{ status: number | string; body: string }> {
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

/** A serviceUrl on a loopback port that nothing listens on. */
async function closedServiceUrl(): Promise<string> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}/`;
}
