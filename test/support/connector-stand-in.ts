import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Activity } from 'botbuilder';

/** One call the bot made to the connector. */
export interface ConnectorCall {
  method: string;
  path: string;
  body: Partial<Activity> & Record<string, unknown>;
  /** What the stand-in answered: the new activity's id (and conversation, for a new thread). */
  answer?: { id: string; activityId?: string };
}

/**
 * A local endpoint that plays the Bot Connector: the bot sends its replies to the activity's
 * serviceUrl, and this records them so that a test can read what the user would see.
 */
export class ConnectorStandIn {
  readonly calls: ConnectorCall[] = [];
  /** Calls answered with an error during an outage: nobody saw them. */
  readonly refused: ConnectorCall[] = [];
  /** When each recorded call arrived (performance.now()), by its index in `calls`. */
  readonly receivedAt: number[] = [];
  /** How long to hold each answer back, to make the bot's turns slow. */
  delayMs = 0;
  private holds: { matches: (call: ConnectorCall) => boolean; released: Promise<void> }[] = [];
  private outages: { matches: (call: ConnectorCall) => boolean; until: number; status: number }[] =
    [];
  private readonly server = http.createServer((req, res) => this.handle(req, res));
  private readonly sockets = new Set<import('node:net').Socket>();
  private waiters: (() => void)[] = [];
  private nextId = 1;

  /**
   * How many connections are open. A socket delivers its data before it closes, so once a
   * killed bot's connections are closed, every request it sent is in `calls`.
   */
  openConnections(): number {
    return this.sockets.size;
  }

  async start(): Promise<string> {
    this.server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/`;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** The texts of the messages sent to a conversation, in order. */
  textsTo(conversationId: string): string[] {
    return this.messagesTo(conversationId).map((a) => String(a.text ?? ''));
  }

  /** The message activities sent to a conversation, in order. */
  messagesTo(conversationId: string): ConnectorCall['body'][] {
    return this.calls
      .filter(
        (c) =>
          c.method === 'POST' &&
          c.path.startsWith(`/v3/conversations/${encodeURIComponent(conversationId)}/activities`),
      )
      .map((c) => c.body)
      .filter((b) => b.type === 'message');
  }

  /**
   * Answers the calls that `matches` with `status` (503: the service is unavailable) for the
   * next `ms` milliseconds; they are kept in `refused`, not in `calls`.
   */
  outage(matches: (call: ConnectorCall) => boolean, ms: number, status = 503): void {
    this.outages.push({ matches, until: Date.now() + ms, status });
  }

  /**
   * Records the calls that `matches` as received, but holds their answers until `release()`:
   * a sender killed meanwhile never learns that its call arrived.
   */
  holdAnswers(matches: (call: ConnectorCall) => boolean): () => void {
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    this.holds.push({ matches, released });
    return release;
  }

  /** Waits until `predicate` holds over the recorded calls. */
  async waitFor(predicate: () => boolean, timeoutMs = 5000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate()) {
      if (Date.now() > deadline)
        throw new Error('the connector stand-in did not see what was awaited');
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 50);
      });
    }
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    let raw = '';
    req.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
    req.on('end', () => {
      const body = raw ? (JSON.parse(raw) as ConnectorCall['body']) : {};
      const call: ConnectorCall = { method: req.method ?? '', path: req.url ?? '', body };
      const outage = this.outages.find((o) => o.until > Date.now() && o.matches(call));
      if (outage) {
        this.refused.push(call);
        res.writeHead(outage.status, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { code: 'ServiceUnavailable', message: 'outage' } }));
        return;
      }
      const id = `activity-${this.nextId++}`;
      const answer =
        req.url === '/v3/conversations' ? { id: `conversation-${id}`, activityId: id } : { id };
      const index = this.calls.push({ ...call, answer }) - 1;
      this.receivedAt[index] = performance.now();
      this.waiters.splice(0).forEach((wake) => wake());
      const held = this.holds.find((hold) => hold.matches(call));
      if (held) this.holds = this.holds.filter((hold) => hold !== held);
      void (held?.released ?? Promise.resolve()).then(() =>
        setTimeout(() => {
          if (res.destroyed) return;
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(JSON.stringify(answer));
        }, this.delayMs),
      );
    });
  }
}
