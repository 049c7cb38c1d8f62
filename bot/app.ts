import { ConversationState, type TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import { cprProtection } from '../cases/cpr-protection';
import type { WorkflowDeps } from '../cases/workflow-deps';
import { RootDialog } from '../dialogs/root-dialog';
import { openStores, type Stores } from '../storage';
import { createAdapter } from './adapter';
import type { Env } from './config';
import { resolveSecrets } from './secrets';
import { rememberConversation } from './conversation-memory';
import { createBotServer } from './server';
import { UniloginBot } from './unilogin-bot';

/** A running bot: where it listens and how to stop it. */
export interface RunningApp {
  port: number;
  stores: Stores;
  /** Stops accepting, lets turns in flight finish, then closes storage. */
  close(): Promise<void>;
}

/** The composition root: opens storage, builds the bot and starts listening. */
export async function startApp(
  env: Env,
  logger: Logger,
  mongodbDatabase?: string,
): Promise<RunningApp> {
  const secrets = resolveSecrets(env);
  const stores = await openStores({
    mongodbUri: env.MONGODB_URI,
    mongodbDatabase,
    dataDir: env.DATA_DIR,
  });
  const adapter = createAdapter(env, logger);
  const workflow: WorkflowDeps = {
    cases: stores.cases,
    audit: stores.storage.audit,
    protection: cprProtection(secrets),
    now: () => new Date(),
  };
  const remember = (context: TurnContext) =>
    rememberConversation(stores.conversationReferences, context);
  const bot = new UniloginBot({
    conversationState: new ConversationState(stores.botState),
    rootDialog: new RootDialog({
      workflow,
      rememberConversation: remember,
      onFiled: async () => undefined,
    }),
    rememberConversation: remember,
  });
  const { server, drained } = createBotServer({
    adapter,
    onTurn: (context) => bot.run(context),
    ping: () => stores.storage.ping(),
    logger,
  });
  await new Promise<void>((resolve) => server.listen(env.PORT, '0.0.0.0', resolve));
  const port = (server.address() as { port: number }).port;
  logger.info({ port, storage: stores.storage.kind }, 'bot listening');

  return {
    port,
    stores,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await drained();
      await stores.storage.close();
    },
  };
}
