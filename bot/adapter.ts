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
import { elapsedMs, traceOf } from './turn-trace';

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

/**
 * Tells the user, in their language and without any detail, that the turn failed; then logs
 * the turn's one closing line, naming the route, the case and what failed.
 */
export async function apologise(
  context: TurnContext,
  error: unknown,
  logger: Logger,
): Promise<void> {
  const activity = context.activity;
  let apology: Record<string, unknown> = { apology: 'none' };
  if (activity.type === 'message' || activity.type === 'invoke') {
    const key = isStorageUnavailable(error) ? 'error.storageDown' : 'error.apology';
    try {
      await context.sendActivity(text(languageOf(activity.locale), key));
      apology = { apology: 'sent' };
    } catch (sendError) {
      apology = { apology: 'not sent', apologyErr: errorSummary(sendError) };
    }
  }
  const trace = traceOf(context);
  const where = trace
    ? `${trace.route}${trace.caseNumber ? ` of case ${trace.caseNumber}` : ' (no case)'}`
    : `${activity.type ?? 'activity'} before routing`;
  (trace?.log ?? logger).error(
    {
      err: errorSummary(error),
      activityType: activity.type,
      channelId: activity.channelId,
      ...apology,
      ...(trace ? { durationMs: elapsedMs(trace) } : {}),
    },
    `turn failed: ${where}: ${failureOf(error)}`,
  );
}

/** What failed, in a few words: the error's type and its first line, scrubbed by the logger. */
function failureOf(error: unknown): string {
  if (!isErrorLike(error)) return 'unknown error';
  return `${error.name}: ${error.message.split('\n')[0]}`.slice(0, 200);
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
