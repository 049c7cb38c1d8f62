import fs from 'node:fs';
import path from 'node:path';
import { ConversationState, type TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import { cprProtection } from '../cases/cpr-protection';
import { builtInIssuer } from '../cases/credentials';
import type { DecisionDeps } from '../cases/decide-case';
import type { SecureMailer } from '../cases/secure-mail';
import type { WorkflowDeps } from '../cases/workflow-deps';
import { personalChatDialogs } from '../dialogs/personal-chat';
import { say } from '../dialogs/turn-language';
import { FileDropMailer } from '../mail/file-drop-mailer';
import { OutboxWorker } from '../mail/outbox-worker';
import { SmtpSecureMailer } from '../mail/smtp-secure-mailer';
import { openStores, type Stores } from '../storage';
import { InstitutionDirectoryFile } from '../storage/institution-directory-file';
import { formatTime } from '../texts/format-time';
import { createAdapter } from './adapter';
import { answerApprovalInvoke } from './approval-invoke';
import { BackgroundTasks } from './background';
import { answerChannelMessage } from './channel-commands';
import type { Env } from './config';
import { rememberConversation } from './conversation-memory';
import { errorSummary } from './logger';
import { resolveSecrets } from './secrets';
import { createBotServer } from './server';
import { SupportChannel } from './support-channel';
import { UniloginBot } from './unilogin-bot';

/** A running bot: where it listens and how to stop it. */
export interface RunningApp {
  port: number;
  stores: Stores;
  outbox: OutboxWorker;
  /** Stops accepting, lets turns and background work finish, then closes storage. */
  close(): Promise<void>;
}

/** Parts a test may swap: the mailer (an SMTP server of the test's own, say). */
export interface AppOverrides {
  mongodbDatabase?: string;
  mailer?: SecureMailer;
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

/** The composition root: opens storage, builds the bot and its workers, starts listening. */
export async function startApp(
  env: Env,
  logger: Logger,
  overrides: AppOverrides = {},
): Promise<RunningApp> {
  const secrets = resolveSecrets(env);
  const stores = await openStores({
    mongodbUri: env.MONGODB_URI,
    mongodbDatabase: overrides.mongodbDatabase,
    dataDir: env.DATA_DIR,
  });
  const adapter = createAdapter(env, logger);
  const background = new BackgroundTasks(logger);
  const institutions = new InstitutionDirectoryFile(env.INSTITUTIONS_FILE, (problem) =>
    logger.error(problem),
  );
  const workflow: WorkflowDeps = {
    cases: stores.cases,
    audit: stores.storage.audit,
    protection: cprProtection(secrets),
    now: () => new Date(),
  };
  const approvers = new Set(env.APPROVER_IDS);
  const decisions: DecisionDeps = {
    ...workflow,
    isApprover: (id) => approvers.has(id),
    institutions,
  };
  const support = new SupportChannel({
    adapter,
    appId: env.MicrosoftAppId ?? '',
    stores,
    institutions,
    approverIds: env.APPROVER_IDS,
    logger,
  });
  const mailer = overrides.mailer ?? chooseMailer(env);
  const outbox = new OutboxWorker(
    {
      workflow,
      issuer: builtInIssuer(stores.usernames),
      mailer,
      institutions,
      onMailSent: (value) => confirmMailSent(value),
      onError: (error, caseNumber) =>
        logger.warn({ err: errorSummary(error), caseNumber }, 'secure mail not sent yet'),
    },
    env.MAIL_POLL_MS,
  );

  /** Tells the channel and the requester that a case's secure mail was accepted. */
  async function confirmMailSent(value: Parameters<typeof support.refreshPostedCard>[0]) {
    background.run('confirm mail sent', async () => {
      await support.refreshPostedCard(value);
      const institution = await institutions.find(value.institution.cvr);
      await support.tellRequester(value, 'requester.mailSent', (language) => ({
        caseNumber: value.caseNumber,
        recipient: value.institution.recipient,
        institution: institution?.name ?? value.institution.cvr,
        at: value.mail ? formatTime(language, value.mail.sentAt) : '',
      }));
    });
  }

  const remember = (context: TurnContext) =>
    rememberConversation(stores.conversationReferences, context);
  const onFiled = async (caseNumber: string, context: TurnContext) => {
    const posted = await support.post(caseNumber).catch((error: unknown) => {
      logger.error({ err: errorSummary(error), caseNumber }, 'could not post the approval card');
      return true;
    });
    if (!posted) await context.sendActivity(say(context, 'requester.waitingForSupport'));
  };
  const conversationState = new ConversationState(stores.botState);
  const bot = new UniloginBot({
    conversationState,
    personalChat: personalChatDialogs(
      { workflow, rememberConversation: remember, onFiled },
      conversationState.createProperty('dialogState'),
    ),
    rememberConversation: remember,
    onChannelMessage: (context) =>
      answerChannelMessage(context, {
        support,
        cases: stores.cases,
        audit: stores.storage.audit,
        isApprover: decisions.isApprover,
        background,
        now: workflow.now,
      }),
    onApprovalInvoke: (context) =>
      answerApprovalInvoke(context, { decisions, support, outbox, background }),
  });
  const { server, drained } = createBotServer({
    adapter,
    onTurn: (context) => bot.run(context),
    ping: () => stores.storage.ping(),
    logger,
  });
  await new Promise<void>((resolve) => server.listen(env.PORT, '0.0.0.0', resolve));
  const port = (server.address() as { port: number }).port;
  if (env.MAIL_WORKER) outbox.start();
  else await outbox.stop();
  logger.info({ port, storage: stores.storage.kind, approvers: approvers.size }, 'bot listening');

  return {
    port,
    stores,
    outbox,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await drained();
      await outbox.stop();
      await background.drain();
      // A mailer handed in by a test is the test's to close.
      if (!overrides.mailer) mailer.close?.();
      await stores.storage.close();
    },
  };
}
