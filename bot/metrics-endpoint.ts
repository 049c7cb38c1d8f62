import { createHash, timingSafeEqual } from 'node:crypto';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { errorSummary } from './logger';

/** What the endpoint serves: the exposition text and its content type. */
export type Scrape = () => Promise<{ contentType: string; body: string }>;

/** Where `/metrics` is served. Never on the bot's public port without a token. */
export type MetricsExposure =
  | { where: 'nowhere' }
  | { where: 'botPort'; token: string }
  | { where: 'ownPort'; port: number; token?: string };

/** METRICS_PORT: a port of its own; else METRICS_TOKEN: the bot's port, behind the token. */
export function metricsExposure(env: { METRICS_PORT?: number; METRICS_TOKEN?: string }) {
  const { METRICS_PORT: port, METRICS_TOKEN: token } = env;
  if (port !== undefined) return { where: 'ownPort', port, token } satisfies MetricsExposure;
  if (token) return { where: 'botPort', token } satisfies MetricsExposure;
  return { where: 'nowhere' } satisfies MetricsExposure;
}

const digest = (value: string) => createHash('sha256').update(value).digest();

/** True when the request carries `Authorization: Bearer <token>`; compared in constant time. */
export function hasBearer(request: IncomingMessage, token: string): boolean {
  const match = /^Bearer (.+)$/.exec(request.headers.authorization ?? '');
  // Hashing first gives equal lengths, so neither the token nor its length leaks by timing.
  return match !== null && timingSafeEqual(digest(match[1]!), digest(token));
}

/** Answers one scrape: 401 without the token (when one is set), else the exposition. */
export async function answerScrape(
  request: IncomingMessage,
  response: ServerResponse,
  scrape: Scrape,
  logger: Logger,
  token?: string,
): Promise<void> {
  if (token !== undefined && !hasBearer(request, token)) {
    response.writeHead(401, { 'content-type': 'text/plain', 'www-authenticate': 'Bearer' });
    response.end('unauthorized\n');
    return;
  }
  try {
    const { contentType, body } = await scrape();
    response.writeHead(200, { 'content-type': contentType });
    response.end(body);
  } catch (error) {
    logger.error({ err: errorSummary(error), route: 'metrics' }, 'metrics could not be read');
    response.writeHead(500, { 'content-type': 'text/plain' });
    response.end('metrics unavailable\n');
  }
}

/** A server of its own for `/metrics` (METRICS_PORT); every other path is 404. */
export async function startMetricsServer(
  port: number,
  host: string,
  scrape: Scrape,
  logger: Logger,
  token?: string,
): Promise<{ port: number; close(): Promise<void> }> {
  const server = http.createServer((request, response) => {
    const path = (request.url ?? '').split('?')[0];
    if (request.method === 'GET' && path === '/metrics') {
      void answerScrape(request, response, scrape, logger, token);
      return;
    }
    response.writeHead(404, { 'content-type': 'text/plain' });
    response.end('not found\n');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  return {
    port: (server.address() as { port: number }).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      }),
  };
}
