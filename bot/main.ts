import { startApp } from './app';
import { parseEnv } from './config';
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
  if (env.BOT_LOCAL_MODE) {
    logger.warn(
      '!!! BOT_LOCAL_MODE=true: incoming requests are NOT authenticated. Never run this way in production. !!!',
    );
  }
  const app = await startApp(env, logger);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping: finishing turns in flight');
    await app.close();
    logger.info('stopped');
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

void main().catch((error: unknown) => {
  process.stderr.write(
    `The bot could not start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
