import path from 'node:path';
import type { Activity } from 'botbuilder';
import { SmtpSecureMailer } from '../../mail/smtp-secure-mailer';
import type { CaseNumber } from '../../cases/case-number';
import type { Job } from '../../cases/effects';
import type { StorageChoice } from '../../storage';
import { until } from './until';
import { personalMessage, post } from './activities';
import { ConnectorStandIn } from './connector-stand-in';
import { filingAnswers } from './filing-answers';
import { startSmtpServer, type SmtpTestServer } from './smtp-test-server';
import { startTestApp, type TestApp } from './test-app';

/** The approvers of the tests (AAD object ids). */
export const APPROVERS = ['approver-1', 'approver-2', 'approver-3'];
const institutionsFile = path.resolve(__dirname, '../../institutions.example.json');

/** A channel message in the support team, @mentioning the bot. */
export function channelMessage(
  serviceUrl: string,
  text: string,
  fromId: string,
): Partial<Activity> {
  return {
    type: 'message',
    id: `c-${Math.random().toString(36).slice(2)}`,
    channelId: 'msteams',
    serviceUrl,
    locale: 'da-DK',
    text: `<at>Unilogin</at> ${text}`,
    entities: [
      {
        type: 'mention',
        text: '<at>Unilogin</at>',
        mentioned: { id: '28:bot-id', name: 'Unilogin' },
      },
    ],
    from: { id: `29:${fromId}`, name: `Name of ${fromId}`, aadObjectId: fromId },
    recipient: { id: '28:bot-id', name: 'Unilogin' },
    conversation: {
      id: '19:support@thread.tacv2;messageid=1',
      conversationType: 'channel',
      isGroup: true,
      tenantId: 'tenant-1',
    } as Activity['conversation'],
    channelData: {
      team: { id: '19:team@thread.tacv2' },
      channel: { id: '19:support@thread.tacv2' },
      tenant: { id: 'tenant-1' },
    },
  };
}

/** An Action.Execute invoke from the approval card. */
export function cardInvoke(
  serviceUrl: string,
  verb: string,
  data: unknown,
  fromId: string,
): Partial<Activity> {
  return {
    ...channelMessage(serviceUrl, '', fromId),
    type: 'invoke',
    name: 'adaptiveCard/action',
    text: undefined,
    entities: undefined,
    value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
  };
}

/** The bot, a connector stand-in, and a real SMTP server that requires STARTTLS. */
export interface ApprovalWorld {
  app: TestApp;
  connector: ConnectorStandIn;
  serviceUrl: string;
  smtp: SmtpTestServer;
  /** Posts an invoke and returns the HTTP status and the invoke response. */
  invoke(
    verb: string,
    data: unknown,
    fromId: string,
  ): Promise<{ status: number; body: InvokeBody }>;
  /** Files a new-login case in a staff member's personal chat; returns its number. */
  file(userId?: string, cpr?: string): Promise<CaseNumber>;
  /** Resolves once a case waits for no more jobs (its card, notices, mail and audit are done). */
  settled(caseNumber: CaseNumber, ms?: number): Promise<void>;
  say(conversation: string, text: string, userId?: string): Promise<void>;
  channel(text: string, fromId: string): Promise<void>;
  restart(): Promise<void>;
  close(): Promise<void>;
}

/** What an invoke answers: a card, or an error. */
export interface InvokeBody {
  statusCode: number;
  type: string;
  value: { body?: unknown[]; actions?: unknown[]; message?: string } & Record<string, unknown>;
}

/** Starts the whole world on a storage location. */
export async function startApprovalWorld(
  where: StorageChoice,
  options: {
    approvers?: string[];
    pollMs?: number;
    /** The bot's clock (a test's, to move days ahead); the real one by default. */
    now?: () => Date;
    /** More configuration, e.g. REMINDER_TIME. */
    env?: Record<string, string>;
  } = {},
): Promise<ApprovalWorld> {
  const connector = new ConnectorStandIn();
  const serviceUrl = await connector.start();
  const smtp = await startSmtpServer({ starttls: true });
  const start = () =>
    startTestApp(
      where,
      {
        APPROVER_IDS: (options.approvers ?? APPROVERS).join(','),
        INSTITUTIONS_FILE: institutionsFile,
        JOB_POLL_MS: String(options.pollMs ?? 100),
        // No digest unless a test asks for one: its card would mix with the cards under test.
        REMINDER_TIME: 'off',
        ...options.env,
      },
      {
        mailer: new SmtpSecureMailer({ url: smtp.url, from: 'unilogin@stil.example', ca: smtp.ca }),
        ...(options.now ? { now: options.now } : {}),
      },
    );
  const world: ApprovalWorld = {
    app: await start(),
    connector,
    serviceUrl,
    smtp,
    async invoke(verb, data, fromId) {
      const res = await fetch(`http://127.0.0.1:${world.app.port}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(cardInvoke(serviceUrl, verb, data, fromId)),
      });
      const text = await res.text();
      return { status: res.status, body: (text ? JSON.parse(text) : {}) as InvokeBody };
    },
    async say(conversation, text, userId = 'staff-1') {
      const status = await post(
        world.app.port,
        personalMessage(serviceUrl, conversation, text, { userId }),
      );
      if (status !== 200) throw new Error(`message answered ${status}`);
    },
    async file(userId = 'staff-1', cpr?: string) {
      const conversation = `personal-${userId}`;
      for (const text of filingAnswers(cpr, 'Åse Ørum-Jæger')) {
        await world.say(conversation, text, userId);
      }
      const filed = connector
        .textsTo(conversation)
        .reverse()
        .find((t) => /UL-\d{4}-\d{5}/.test(t));
      return /UL-\d{4}-\d{5}/.exec(filed ?? '')![0] as CaseNumber;
    },
    async settled(caseNumber, ms = 15000) {
      // A reminder that waits for its day is not work in progress.
      const now = () => (options.now ?? (() => new Date()))().toISOString();
      const working = (job: Job) =>
        !(job.kind === 'tellRequester' && job.notBefore !== undefined && job.notBefore > now());
      await until(
        async () => (await world.app.stores.jobs.forCase(caseNumber)).filter(working).length === 0,
        ms,
      );
    },
    async channel(text, fromId) {
      const status = await post(world.app.port, channelMessage(serviceUrl, text, fromId));
      if (status !== 200) throw new Error(`channel message answered ${status}`);
    },
    async restart() {
      await world.app.close();
      world.app = await start();
    },
    async close() {
      await world.app.close();
      await smtp.stop();
      await connector.stop();
    },
  };
  return world;
}
