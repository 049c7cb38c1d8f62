import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type TurnContext,
} from 'botbuilder';
import type { Logger } from 'pino';
import { languageOf, text } from '../texts';
import { errorSummary } from './logger';
import type { Env } from './config';

/** The Bot Framework adapter: it checks the caller's token unless no app id is configured. */
export function createAdapter(env: Env, logger: Logger): CloudAdapter {
  const auth = new ConfigurationBotFrameworkAuthentication({
    MicrosoftAppId: env.MicrosoftAppId,
    MicrosoftAppPassword: env.MicrosoftAppPassword,
    MicrosoftAppType: env.MicrosoftAppType,
    MicrosoftAppTenantId: env.MicrosoftAppTenantId,
  });
  const adapter = new CloudAdapter(auth);
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
  try {
    await context.sendActivity(text(languageOf(activity.locale), 'error.apology'));
  } catch (sendError) {
    logger.warn({ err: errorSummary(sendError) }, 'could not send the apology');
  }
}
