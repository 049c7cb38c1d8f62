import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A small HTTP relay between an Agents Playground and the bot. The playground always sends
 * `locale: "en-US"`; a real Teams client sends the user's locale (e.g. da-DK). The relay
 * sets `locale` and `clientInfo` entities' `locale` of every JSON activity to the given
 * locale and passes the bot's answer back unchanged. Local development only.
 */
export interface LocaleRelayOptions {
  /** The bot endpoint, e.g. http://127.0.0.1:3978/api/messages. */
  target: string;
  /** The locale to put into each activity, e.g. da-DK. */
  locale: string;
}

export interface LocaleRelay {
  /** The relay's endpoint (same path as the target): point the playground here. */
  url: string;
  close(): Promise<void>;
}

/** Hop-by-hop headers: framing is the relay's own business on each side. */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
]);

function withoutHopByHop(headers: http.IncomingHttpHeaders): http.OutgoingHttpHeaders {
  const out: http.OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined && !HOP_BY_HOP.has(name)) out[name] = value;
  }
  return out;
}

function isJson(contentType: string | undefined): boolean {
  return contentType === undefined || /^application\/([\w.+-]+\+)?json\b/i.test(contentType);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The body with the locale set, or the original bytes when it is not a JSON activity. */
export function rewriteLocale(
  body: Buffer,
  contentType: string | undefined,
  locale: string,
): Buffer {
  if (body.length === 0 || !isJson(contentType)) return body;
  let activity: unknown;
  try {
    activity = JSON.parse(body.toString('utf8'));
  } catch {
    return body;
  }
  if (!isObject(activity)) return body;
  activity.locale = locale;
  if (Array.isArray(activity.entities)) {
    for (const entity of activity.entities) {
      if (isObject(entity) && entity.type === 'clientInfo') entity.locale = locale;
    }
  }
  return Buffer.from(JSON.stringify(activity), 'utf8');
}

/** Starts the relay on 127.0.0.1 on a free port. */
export async function startLocaleRelay(options: LocaleRelayOptions): Promise<LocaleRelay> {
  const target = new URL(options.target);
  if (target.protocol !== 'http:') throw new Error(`locale relay: only http targets (${target})`);

  const fail = (res: http.ServerResponse, message: string) => {
    if (res.headersSent) {
      res.destroy();
      return;
    }
    res.writeHead(502, { 'content-type': 'text/plain; charset=utf-8' });
    res.end(`locale relay: ${message}\n`);
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('error', () => res.destroy());
    req.on('end', () => {
      const body = rewriteLocale(
        Buffer.concat(chunks),
        req.headers['content-type'],
        options.locale,
      );
      const headers = withoutHopByHop(req.headers);
      headers.host = target.host;
      if (body.length > 0 || req.headers['content-length'] !== undefined) {
        headers['content-length'] = String(body.length);
      }
      const upstream = http.request(
        {
          protocol: target.protocol,
          hostname: target.hostname,
          port: target.port,
          method: req.method,
          path: req.url,
          headers,
          agent: false,
        },
        (answer) => {
          res.writeHead(
            answer.statusCode ?? 502,
            answer.statusMessage,
            withoutHopByHop(answer.headers),
          );
          answer.on('error', () => res.destroy());
          answer.pipe(res);
        },
      );
      upstream.on('error', (error) => fail(res, `bot not reachable (${error.message})`));
      upstream.end(body);
    });
  });
  server.on('clientError', (_error, socket) => socket.destroy());

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${target.pathname}${target.search}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
