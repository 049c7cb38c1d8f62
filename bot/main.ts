import { parseEnv, startUpWarnings } from './config';
import type { RunningApp } from './app';
import { createLogger } from './logger';

/** The production start: reads the environment, refuses bad config, stops gracefully. */
async function main(): Promise<void> {
  const parsed = parseEnv(process.env);
  if (!parsed.ok) {
    process.stderr.write(
      `Invalid configuration:\n${parsed.problems.map((p) => `  - ${p}`).join('\n')}\n`,
    );
    process.exit(1);
  }
  const env = parsed.env;
  const logger = createLogger(env.LOG_LEVEL);
  for (const warning of startUpWarnings(env)) logger.warn(warning);
  // The handlers are in place before anything starts: a signal while the app loads or starts
  // waits for the start, then stops it as gracefully as any other.
  const started: { app?: Promise<RunningApp> } = {};
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping: finishing turns in flight');
    if (started.app) await (await started.app).close();
    logger.info('stopped');
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
  // Loaded only after the config is checked: the bot's libraries take a second to load.
  const { startApp } = await import('./app');
  if (stopping) return;
  started.app = startApp(env, logger);
  await started.app;
}

void main().catch((error: unknown) => {
  process.stderr.write(
    `The bot could not start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
