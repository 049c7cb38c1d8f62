import { Writable } from 'node:stream';
import { startApp, type AppOverrides, type RunningApp } from '../../bot/app';
import { parseEnv } from '../../bot/config';
import { createLogger } from '../../bot/logger';
import type { StorageChoice } from '../../storage';

/** A bot started in this process, with every log line it wrote. */
export interface TestApp extends RunningApp {
  logs: string[];
  where: StorageChoice;
}

/** Starts the real app (server, adapter, storage) on a free port, in local mode by default. */
export async function startTestApp(
  where: StorageChoice,
  env: Record<string, string> = {},
  overrides: Omit<AppOverrides, 'mongodbDatabase'> = {},
): Promise<TestApp> {
  const parsed = parseEnv({
    PORT: '0',
    BOT_LOCAL_MODE: 'true',
    DATA_DIR: where.dataDir,
    MONGODB_URI: where.mongodbUri ?? '',
    LOG_LEVEL: 'debug',
    ...env,
  });
  if (!parsed.ok) throw new Error(parsed.problems.join('; '));
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logs.push(chunk.toString('utf8'));
      done();
    },
  });
  const app = await startApp(parsed.env, createLogger('debug', sink), {
    ...overrides,
    mongodbDatabase: where.mongodbDatabase,
  });
  return Object.assign(app, { logs, where });
}
