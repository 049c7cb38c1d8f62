import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { startLocaleRelay, type LocaleRelay } from '../../dev/locale-relay';

interface Received {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

const ANSWER = JSON.stringify({ id: 'answer-1', text: 'svar' });

/** A stand-in bot: records what it got and answers 200 with a JSON body. */
async function startBot(): Promise<{ server: http.Server; url: string; received: Received[] }> {
  const received: Received[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push({
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks),
      });
      res.writeHead(200, { 'content-type': 'application/json', 'x-bot': 'yes' });
      res.end(ANSWER);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { server, url: `http://127.0.0.1:${port}/api/messages`, received };
}

function closeServer(server: http.Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

describe('locale relay', () => {
  let bot: Awaited<ReturnType<typeof startBot>>;
  let relay: LocaleRelay;

  beforeEach(async () => {
    bot = await startBot();
    relay = await startLocaleRelay({ target: bot.url, locale: 'da-DK' });
  });

  afterEach(async () => {
    await relay.close();
    if (bot.server.listening) await closeServer(bot.server);
  });

  it('listens on 127.0.0.1 with the target path', () => {
    expect(relay.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/messages$/);
    expect(relay.url).not.toBe(bot.url);
  });

  it('sets the locale of an activity and passes the answer back unchanged', async () => {
    const activity = {
      type: 'message',
      text: 'hej',
      locale: 'en-US',
      entities: [
        { type: 'mention', text: '<at>Test Bot</at>' },
        { type: 'clientInfo', locale: 'en-US', country: 'US', platform: 'Web' },
      ],
    };
    const response = await fetch(relay.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8', 'x-custom': 'kept' },
      body: JSON.stringify(activity),
    });

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(response.headers.get('x-bot')).toBe('yes');
    expect(await response.text()).toBe(ANSWER);

    expect(bot.received).toHaveLength(1);
    const got = bot.received[0]!;
    expect(got.method).toBe('POST');
    expect(got.url).toBe('/api/messages');
    expect(got.headers['x-custom']).toBe('kept');
    expect(got.headers['content-length']).toBe(String(got.body.length));
    const seen = JSON.parse(got.body.toString('utf8'));
    expect(seen.locale).toBe('da-DK');
    expect(seen.entities[1]).toEqual({
      type: 'clientInfo',
      locale: 'da-DK',
      country: 'US',
      platform: 'Web',
    });
    expect(seen.entities[0]).toEqual(activity.entities[0]);
    expect(seen.text).toBe('hej');
  });

  it('passes a non-JSON body through byte for byte', async () => {
    const bytes = Buffer.from([0x00, 0xff, 0x7b, 0x22, 0x6c, 0xc3, 0xa6, 0x0a, 0x80]);
    const response = await fetch(`${relay.url}?x=1`, {
      method: 'PUT',
      headers: { 'content-type': 'application/octet-stream' },
      body: bytes,
    });

    expect(response.status).toBe(200);
    expect(await response.text()).toBe(ANSWER);
    const got = bot.received[0]!;
    expect(got.method).toBe('PUT');
    expect(got.url).toBe('/api/messages?x=1');
    expect(got.body.equals(bytes)).toBe(true);
    expect(got.headers['content-length']).toBe(String(bytes.length));
  });

  it('answers 502 when the bot is down, and keeps working', async () => {
    await closeServer(bot.server);
    const response = await fetch(relay.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'message', locale: 'en-US' }),
    });
    expect(response.status).toBe(502);
    expect(await response.text()).toMatch(/bot not reachable/);

    const again = await fetch(relay.url, { method: 'POST', body: 'still alive' });
    expect(again.status).toBe(502);
  });
});
