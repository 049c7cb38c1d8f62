import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { startLocaleRelay, type LocaleRelay } from './locale-relay';

/** Where the local stack listens and keeps its data. */
export interface DevStackOptions {
  botPort: number;
  staffPort: number;
  approverPort: number;
  dataDir: string;
  /** Receives every line the bot logs. */
  onBotOutput?: (line: string) => void;
  /**
   * The locale the playgrounds' activities carry, as a real Teams client sends the user's
   * locale (e.g. da-DK). The playground always sends en-US, so when this is set a relay in
   * front of the bot rewrites it. Unset: the playgrounds talk to the bot directly.
   */
  locale?: string;
  /** More configuration for the bot (e.g. REMINDER_TIME). */
  botEnv?: Record<string, string>;
}

/** The running stack: the bot in local mode and two Agents Playgrounds. */
export interface DevStack {
  staffUrl: string;
  approverUrl: string;
  outboxDir: string;
  /** Stops the bot and starts it again on the same data, with `env` added to its configuration. */
  restartBot(env?: Record<string, string>): Promise<void>;
  stop(): Promise<void>;
}

const root = path.resolve(__dirname, '..');
/** The approvers of the local stack: the current user of approver.yml and a colleague. */
export const DEV_APPROVER_IDS = [
  '00000000-0000-0000-0000-0000000000021',
  '00000000-0000-0000-0000-0000000000022',
];

async function waitFor(url: string, timeoutMs = 60000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) throw new Error(`${url} did not come up`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

function playground(port: number, endpoint: string, config: string, workDir: string): ChildProcess {
  fs.mkdirSync(workDir, { recursive: true });
  return spawn(
    path.join(root, 'node_modules/.bin/agentsplayground'),
    ['--port', String(port), '--app-endpoint', endpoint, '--disable-telemetry'],
    {
      cwd: workDir,
      stdio: 'ignore',
      env: {
        ...process.env,
        BOT_ENDPOINT: endpoint,
        TEAMSAPPTESTER_BROWSER: 'none',
        APPLICATION_INSIGHTS_NO_STATSBEAT: 'true',
        M365_AGENTS_PLAYGROUND_CONFIG_PATH: path.join(root, 'dev/playground', config),
      },
    },
  );
}

/** Stops a child process and resolves once it has exited. */
function stopChild(child: ChildProcess): Promise<void> {
  return new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/** Starts the bot (local mode, embedded store, file-drop mail) and the two playgrounds. */
export async function startDevStack(options: DevStackOptions): Promise<DevStack> {
  const dataDir = path.resolve(options.dataDir);
  const startBot = (extra: Record<string, string> = {}) => {
    const bot = spawn(
      process.execPath,
      ['--disable-warning=DEP0111', '--import', 'tsx', 'bot/main.ts'],
      {
        cwd: root,
        stdio: ['ignore', 'pipe', 'pipe'],
        env: {
          ...process.env,
          BOT_LOCAL_MODE: 'true',
          PORT: String(options.botPort),
          DATA_DIR: dataDir,
          APPROVER_IDS: DEV_APPROVER_IDS.join(','),
          INSTITUTIONS_FILE: path.join(root, 'institutions.example.json'),
          MONGODB_URI: '',
          SMTP_URL: '',
          ...options.botEnv,
          ...extra,
        },
      },
    );
    for (const stream of [bot.stdout, bot.stderr]) {
      stream.setEncoding('utf8');
      stream.on('data', (chunk: string) =>
        chunk
          .split('\n')
          .filter(Boolean)
          .forEach((l) => options.onBotOutput?.(l)),
      );
    }
    return bot;
  };
  let bot = startBot();
  const botEndpoint = `http://127.0.0.1:${options.botPort}/api/messages`;
  const relays: LocaleRelay[] = [];
  const children: ChildProcess[] = [];
  const stop = async () => {
    await Promise.all([bot, ...children].map(stopChild));
    await Promise.all(relays.map((relay) => relay.close()));
  };
  /** The playground's endpoint: the bot, or a relay that sets the locale. */
  const endpointFor = async (): Promise<string> => {
    if (options.locale === undefined) return botEndpoint;
    const relay = await startLocaleRelay({ target: botEndpoint, locale: options.locale });
    relays.push(relay);
    return relay.url;
  };
  try {
    const staffEndpoint = await endpointFor();
    children.push(
      playground(
        options.staffPort,
        staffEndpoint,
        'staff.yml',
        path.join(dataDir, 'playground-staff'),
      ),
    );
    const approverEndpoint = await endpointFor();
    children.push(
      playground(
        options.approverPort,
        approverEndpoint,
        'approver.yml',
        path.join(dataDir, 'playground-approver'),
      ),
    );
    await waitFor(`http://127.0.0.1:${options.botPort}/readyz`);
    await waitFor(`http://127.0.0.1:${options.staffPort}/_debug/ping`);
    await waitFor(`http://127.0.0.1:${options.approverPort}/_debug/ping`);
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    staffUrl: `http://localhost:${options.staffPort}/`,
    approverUrl: `http://localhost:${options.approverPort}/`,
    outboxDir: path.join(dataDir, 'outbox'),
    async restartBot(env = {}) {
      await stopChild(bot);
      bot = startBot(env);
      await waitFor(`http://127.0.0.1:${options.botPort}/readyz`);
    },
    stop,
  };
}
