import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type TurnContext,
} from 'botbuilder';
import type { Logger } from 'pino';
import { languageOf, text } from '../texts';
import { ConnectorReuse } from './connector-reuse';
import { errorSummary, isErrorLike } from './logger';
import type { Env } from './config';

/** The Bot Framework adapter: it checks the caller's token unless no app id is configured. */
export function createAdapter(env: Env, logger: Logger): CloudAdapter {
  const auth = new ConfigurationBotFrameworkAuthentication({
    MicrosoftAppId: env.MicrosoftAppId,
    MicrosoftAppPassword: env.MicrosoftAppPassword,
    MicrosoftAppType: env.MicrosoftAppType,
    MicrosoftAppTenantId: env.MicrosoftAppTenantId,
  });
  const adapter = new CloudAdapter(new ConnectorReuse(auth));
  adapter.onTurnError = (context, error) => apologise(context, error, logger);
  return adapter;
}

/** Logs a failed turn and tells the user, in their language, without any detail. */
export async function apologise(
  context: TurnContext,
  error: unknown,
  logger: Logger,
): Promise<void> {
  const activity = context.activity;
  logger.error(
    { err: errorSummary(error), activityType: activity.type, channelId: activity.channelId },
    'turn failed',
  );
  if (activity.type !== 'message' && activity.type !== 'invoke') return;
  const key = isStorageUnavailable(error) ? 'error.storageDown' : 'error.apology';
  try {
    await context.sendActivity(text(languageOf(activity.locale), key));
  } catch (sendError) {
    logger.warn({ err: errorSummary(sendError) }, 'could not send the apology');
  }
}

const STORAGE_DOWN =
  /^(Mongo(ServerSelection|Network|NetworkTimeout|NotConnected|TopologyClosed|PoolCleared|PoolClosed|ServerClosed|WaitQueueTimeout)Error|PoolClearedOnNetworkError)$/;
/**
 * A connection that broke under the driver: a write on a socket the database side closed
 * surfaces as Node's own EPIPE, not as a MongoNetworkError (seen when the network was cut).
 */
const CONNECTION_LOST = /^(EPIPE|ECONNRESET|ECONNREFUSED|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH)$/;

/** True when the error (or one it wraps) says the database cannot be reached right now. */
export function isStorageUnavailable(error: unknown, depth = 0): boolean {
  if (!isErrorLike(error) || depth > 5) return false;
  const code = String((error as { code?: unknown }).code ?? '');
  if (STORAGE_DOWN.test(error.name) || CONNECTION_LOST.test(code)) return true;
  if (/^SQLITE_(BUSY|LOCKED|IOERR|CANTOPEN)/.test(code)) return true;
  if (/database connection is not open/.test(error.message)) return true;
  // botbuilder's DialogContextError keeps the original as `error`.
  const inner = (error as { error?: unknown }).error ?? error.cause;
  return isStorageUnavailable(inner, depth + 1);
}
