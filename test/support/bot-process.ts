import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');

/** A free TCP port on loopback. */
export async function freePort(): Promise<number> {
  const server = net.createServer().listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** The bot running as its own process (bot/main.ts), as production runs it. */
export interface BotProcess {
  port: number;
  logs: string[];
  child: ChildProcess;
  exited: Promise<number | null>;
  /** Sends a signal and waits for the process to end. */
  kill(signal: NodeJS.Signals): Promise<void>;
}

/** How to run it: from the TypeScript sources (tests) or compiled under dist/ (the bench). */
export interface BotProcessOptions {
  compiled?: boolean;
  /** Extra node flags, such as --cpu-prof. */
  nodeArgs?: string[];
}

/** Starts bot/main.ts with the given environment and waits until it listens. */
export async function startBotProcess(
  env: Record<string, string>,
  options: BotProcessOptions = {},
): Promise<BotProcess> {
  const port = await freePort();
  const entry = options.compiled ? ['dist/bot/main.js'] : ['--import', 'tsx', 'bot/main.ts'];
  const child = spawn(
    process.execPath,
    ['--disable-warning=DEP0111', ...(options.nodeArgs ?? []), ...entry],
    {
      cwd: root,
      env: {
        PATH: process.env.PATH ?? '',
        BOT_LOCAL_MODE: 'true',
        LOG_LEVEL: 'debug',
        ...env,
        PORT: String(port),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const logs: string[] = [];
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );
  for (const stream of [child.stdout!, child.stderr!]) {
    stream.on('data', (chunk: Buffer) =>
      logs.push(...chunk.toString('utf8').split('\n').filter(Boolean)),
    );
  }
  // Ready when it answers /healthz (whatever the log level says).
  let exitedEarly = false;
  void exited.then(() => (exitedEarly = true));
  for (;;) {
    if (exitedEarly) throw new Error(`the bot exited before listening:\n${logs.join('\n')}`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) break;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    port,
    logs,
    child,
    exited,
    async kill(signal) {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}
