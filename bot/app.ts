import fs from 'node:fs';
import path from 'node:path';
import type { TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import { cprProtection } from '../cases/cpr-protection';
import { builtInIssuer } from '../cases/credentials';
import type { DecisionDeps } from '../cases/decide-case';
import { purgeExpiredCases } from '../cases/retention';
import { HOUSEKEEPING_INTERVAL_MS, runPeriodically } from './periodic-task';
import { expireChats } from './chat-expiry';
import { startDailyDigest } from './daily-digest';
import { EffectsWorker } from '../cases/effects-worker';
import type { SecureMailer } from '../cases/secure-mail';
import type { WorkflowDeps } from '../cases/workflow-deps';
import { questions } from '../dialogs/questions';
import { FileDropMailer } from '../mail/file-drop-mailer';
import { SmtpSecureMailer } from '../mail/smtp-secure-mailer';
import { openStores, type Stores } from '../storage';
import { InstitutionDirectoryFile } from '../storage/institution-directory-file';
import { createAdapter } from './adapter';
import type { Env } from './config';
import type { Language } from '../texts';
import { rememberConversation } from './conversation-memory';
import { jobHandlers } from './job-handlers';
import { personalChatTurn } from './personal-chat-turn';
import { routes, routeTurn } from './routes';
import { checkedSecrets } from './checked-secrets';
import { createBotServer } from './server';
import { serviceUrlHosts } from './service-url-hosts';
import { SupportChannel } from './support-channel';
import { BotMetrics } from './metrics';
import { metricsExposure, startMetricsServer } from './metrics-endpoint';
import { countingRefusals } from './refusal-counter';
import { timedMailer } from './timed-mailer';
import { knowCase, turnLog } from './turn-trace';

/** A running bot: where it listens and how to stop it. */
export interface RunningApp {
  port: number;
  /** The port of `/metrics` when it has one of its own (METRICS_PORT). */
  metricsPort?: number;
  stores: Stores;
  worker: EffectsWorker;
  metrics: BotMetrics;
  /** Stops accepting, lets turns and running jobs finish, then closes storage. */
  close(): Promise<void>;
}

/** Parts a test may swap: the mailer (an SMTP server of the test's own, say). */
export interface AppOverrides {
  mongodbDatabase?: string;
  mailer?: SecureMailer;
  /** The clock (a test's, to move days ahead without waiting for them). */
  now?: () => Date;
}

/** The secure-mail transport: SMTP when configured, else a file drop under DATA_DIR. */
function chooseMailer(env: Env): SecureMailer {
  if (env.SMTP_URL && env.MAIL_FROM) {
    // A private CA of the mail relay is trusted next to the system's, never instead of checking.
    const ca = env.SMTP_CA_FILE ? fs.readFileSync(env.SMTP_CA_FILE, 'utf8') : undefined;
    return new SmtpSecureMailer({ url: env.SMTP_URL, from: env.MAIL_FROM, ca });
  }
  return new FileDropMailer(path.join(env.DATA_DIR, 'outbox'));
}

/** The composition root: opens storage, builds the bot and its worker, starts listening. */
export async function startApp(
  env: Env,
  logger: Logger,
  overrides: AppOverrides = {},
): Promise<RunningApp> {
  const stores = await openStores({
    mongodbUri: env.MONGODB_URI,
    mongodbDatabase: overrides.mongodbDatabase,
    dataDir: env.DATA_DIR,
  });
  const secrets = await checkedSecrets(env, stores).catch(async (error: unknown) => {
    await stores.storage.close();
    throw error;
  });
  const adapter = createAdapter(env, logger);
  const appId = env.MicrosoftAppId ?? '';
  const institutions = new InstitutionDirectoryFile(env.INSTITUTIONS_FILE, (problem) =>
    logger.error(problem),
  );
  const approvers = new Set(env.APPROVER_IDS);
  const now = overrides.now ?? (() => new Date());
  const metrics = new BotMetrics({ cases: stores.cases, jobs: stores.jobs, now });
  const audit = countingRefusals(stores.audit, (kind) => metrics.refused(kind));
  const workflow: WorkflowDeps = {
    cases: stores.cases,
    audit,
    protection: cprProtection(secrets),
    rules: { isApprover: (id) => approvers.has(id) },
    tries: stores.tries,
    jobs: stores.jobs,
    now,
    // Jobs written by this instance are taken at once (after a burst of clicks has paused).
    jobsQueued: () => worker.kickSoon(),
  };
  const decisions: DecisionDeps = { ...workflow, institutions };
  const support = new SupportChannel({
    adapter,
    appId,
    stores,
    institutions,
    approverIds: env.APPROVER_IDS,
  });
  const mailer = overrides.mailer ?? chooseMailer(env);
  const handlers = jobHandlers({
    adapter,
    appId,
    cases: stores.cases,
    audit,
    stores,
    institutions,
    support,
    mail: {
      workflow,
      issuer: builtInIssuer(stores.usernames),
      mailer: timedMailer(mailer, (seconds, ok) => metrics.mailSent(seconds, ok)),
      institutions,
    },
  });
  const worker = new EffectsWorker(stores.jobs, handlers, logger, {
    pollMs: env.JOB_POLL_MS,
    leaseMs: env.JOB_LEASE_MS,
    now,
    observe: (run) => metrics.jobRan(run.kind, run.outcome, run.durationMs / 1000),
  });

  const remember = (context: TurnContext, language?: Language) =>
    rememberConversation(stores.conversationReferences, context, language);
  const table = routes({
    personalChat: personalChatTurn({
      conversation: {
        workflow,
        questions: questions(workflow.protection, now),
        supportChannelReady: async () => (await support.channel()) !== undefined,
        filingsPerHour: env.FILINGS_PER_HOUR,
      },
      chats: stores.chats,
      caseFiled: async (context, caseNumber, language) => {
        await remember(context, language);
        knowCase(context, caseNumber);
        turnLog(context, logger).info('case filed');
      },
    }),
    rememberConversation: remember,
    channel: {
      support,
      cases: stores.cases,
      jobs: stores.jobs,
      audit,
      isApprover: workflow.rules.isApprover,
      now,
      kickWorker: () => void worker.kick(),
    },
    approval: { decisions, support },
  });
  const exposure = metricsExposure(env);
  const scrape = () => metrics.scrape();
  const { server, drained } = createBotServer({
    adapter,
    onTurn: (context) =>
      routeTurn(context, table, {
        logger,
        allowedTenantIds: env.ALLOWED_TENANT_IDS,
        turnEnded: (route, outcome, seconds) => metrics.turnEnded(route, outcome, seconds),
      }),
    ping: () => stores.storage.ping(),
    logger,
    serviceUrlHosts: serviceUrlHosts(env),
    ...(exposure.where === 'botPort' ? { metrics: { scrape, token: exposure.token } } : {}),
  });
  // Local mode is unauthenticated: only this machine may talk to it unless HOST says otherwise.
  const host = env.HOST ?? (env.BOT_LOCAL_MODE ? '127.0.0.1' : '0.0.0.0');
  await new Promise<void>((resolve) => server.listen(env.PORT, host, resolve));
  const { port, address } = server.address() as { port: number; address: string };
  const metricsServer =
    exposure.where === 'ownPort'
      ? await startMetricsServer(exposure.port, host, scrape, logger, exposure.token).catch(
          async (error: unknown) => {
            await new Promise<void>((resolve) => server.close(() => resolve()));
            await stores.storage.close();
            throw error;
          },
        )
      : undefined;
  if (env.JOB_WORKER) worker.start();
  else await worker.stop();
  // Retention runs where the worker does; its conditional writes make several instances safe.
  const retention = { cases: stores.cases, retentionDays: env.RETENTION_DAYS };
  const purge = env.JOB_WORKER
    ? runPeriodically(
        async (at) => {
          await purgeExpiredCases({ ...retention, jobsQueued: () => worker.kickSoon() }, at);
          await expireChats(stores.chats, at, env.CHAT_EXPIRY_DAYS);
        },
        {
          intervalMs: HOUSEKEEPING_INTERVAL_MS,
          now,
          onError: (err) => logger.error({ err }, 'retention purge or chat expiry failed'),
        },
      )
    : undefined;
  const digest =
    env.JOB_WORKER && env.REMINDER_TIME !== 'off'
      ? startDailyDigest({
          stores,
          support,
          logger,
          now,
          reminderTime: env.REMINDER_TIME,
          afterHours: env.REMINDER_AFTER_HOURS,
          checkMs: env.DIGEST_CHECK_MS,
        })
      : undefined;
  logger.info(
    {
      port,
      host: address,
      storage: stores.storage.kind,
      approvers: approvers.size,
      worker: env.JOB_WORKER,
      metrics: metricsServer ? `port ${metricsServer.port}` : exposure.where,
    },
    'bot listening',
  );

  return {
    port,
    ...(metricsServer ? { metricsPort: metricsServer.port } : {}),
    stores,
    worker,
    metrics,
    async close() {
      await metricsServer?.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await drained();
      await purge?.stop();
      await digest?.stop();
      await worker.stop();
      // A mailer handed in by a test is the test's to close.
      if (!overrides.mailer) mailer.close?.();
      await stores.storage.close();
    },
  };
}
