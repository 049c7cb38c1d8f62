import restify from 'restify';
import type { CloudAdapter, TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import { isWellFormedActivity } from './incoming-activity';
import { errorSummary } from './logger';
import { genericErrorBodies } from './generic-error-bodies';
import { isAllowedServiceUrl } from './service-url-hosts';
import { answerScrape, type Scrape } from './metrics-endpoint';

/** What the HTTP server needs from the rest of the bot. */
export interface ServerParts {
  adapter: CloudAdapter;
  /** Runs one turn. */
  onTurn(context: TurnContext): Promise<void>;
  /** Resolves when storage answers. */
  ping(): Promise<void>;
  logger: Logger;
  /** The service hosts an activity may name; undefined allows any (local mode). */
  serviceUrlHosts?: readonly string[];
  /** `/metrics` on this (public) port: only ever behind a bearer token. */
  metrics?: { scrape: Scrape; token: string };
}

/** The HTTP server with a count of the turns it is serving. */
export interface BotServer {
  server: restify.Server;
  /** Resolves when no turn is in flight any more. */
  drained(): Promise<void>;
}

const MAX_BODY_BYTES = 256 * 1024;
const READY_TIMEOUT_MS = 2000;

/** restify with the messaging endpoint and the health probes. */
export function createBotServer(parts: ServerParts): BotServer {
  const server = restify.createServer({ name: 'unilogin-bot', handleUncaughtExceptions: false });
  // Bot Framework posts plain JSON: refuse compressed bodies (a gzip body would slip past the
  // size limit and crash restify's reader) and parse nothing but JSON (no multipart temp files).
  server.pre((req, res, next) => {
    const encoding = req.headers['content-encoding'];
    if (encoding && encoding !== 'identity') {
      res.send(415, { error: 'compressed requests are not accepted' });
      return next(false);
    }
    return next();
  });
  // jsonBodyParser runs restify's body reader first, which takes maxBodySize (untyped there).
  const jsonOptions = { maxBodySize: MAX_BODY_BYTES, mapParams: false };
  server.use(restify.plugins.jsonBodyParser(jsonOptions as restify.plugins.JsonBodyParserOptions));
  let inFlight = 0;
  const onIdle: (() => void)[] = [];

  server.post('/api/messages', async (req, res) => {
    if (!req.is('json')) {
      res.send(415, { error: 'expected application/json' });
      return;
    }
    if (!isWellFormedActivity(req.body)) {
      res.send(400, { error: 'not a well-formed activity' });
      return;
    }
    const hosts = parts.serviceUrlHosts;
    // Before the turn and before any outbound call: the bot would send its token there.
    if (hosts && !isAllowedServiceUrl((req.body as { serviceUrl?: unknown }).serviceUrl, hosts)) {
      parts.logger.warn('refused an activity whose serviceUrl is not an allowed service host');
      res.send(403, { error: 'serviceUrl not allowed' });
      return;
    }
    inFlight++;
    try {
      await parts.adapter.process(req, genericErrorBodies(res, parts.logger), (context) =>
        parts.onTurn(context),
      );
    } catch (error) {
      parts.logger.error({ err: errorSummary(error) }, 'request failed');
      if (!res.headersSent) res.send(500, { error: 'internal error' });
    } finally {
      inFlight--;
      if (inFlight === 0) onIdle.splice(0).forEach((resolve) => resolve());
    }
  });

  server.get('/healthz', async (_req, res) => {
    res.send(200, { status: 'ok' });
  });

  server.get('/readyz', async (_req, res) => {
    try {
      await withTimeout(parts.ping(), READY_TIMEOUT_MS);
      res.send(200, { status: 'ready' });
    } catch (error) {
      parts.logger.warn({ err: errorSummary(error) }, 'storage is not answering');
      res.send(503, { status: 'storage unavailable' });
    }
  });

  const metrics = parts.metrics;
  if (metrics) {
    server.get('/metrics', async (req, res) => {
      await answerScrape(req, res, metrics.scrape, parts.logger, metrics.token);
    });
  }

  return {
    server,
    drained: () =>
      inFlight === 0 ? Promise.resolve() : new Promise<void>((resolve) => onIdle.push(resolve)),
  };
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
