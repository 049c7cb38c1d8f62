import type { TLSSocket } from 'node:tls';
import { generate } from 'selfsigned';
import { SMTPServer, type SMTPServerSession } from 'smtp-server';

/** One mail the test server accepted. */
export interface ReceivedMail {
  raw: string;
  envelope: { from: string | false; to: string[] };
  secure: boolean;
  /** Negotiated protocol, e.g. 'TLSv1.3'; null on a plain session. */
  tlsProtocol: string | null;
}

/** What the server saw, so tests can prove nothing went over plain text. */
export interface SmtpServerStats {
  connections: number;
  logins: number;
  insecureLogins: number;
  insecureMailFrom: number;
  insecureData: number;
}

/** A real SMTP server on 127.0.0.1 with a fresh self-signed certificate. */
export interface SmtpTestServer {
  port: number;
  url: string;
  /** PEM of the server certificate, to trust it as `tls.ca`. */
  ca: string;
  messages: ReceivedMail[];
  stats: SmtpServerStats;
  /** Answers the next `count` DATA commands with 451, after reading the message. */
  failNext(count?: number): void;
  /**
   * Holds the next transaction at its recipient, before any of the message is sent: the
   * sender is mid-send until `release()` (which lets it go on, if it is still there).
   */
  holdNext(): { reached: Promise<void>; release(): void };
  /** Stops listening (a test can call start() again for an outage). */
  stop(): Promise<void>;
  /** Listens again on the same port. */
  start(): Promise<void>;
}

/** Generates a self-signed certificate valid for localhost and 127.0.0.1. */
export async function localhostCertificate(): Promise<{ key: string; cert: string }> {
  const pems = await generate([{ name: 'commonName', value: 'localhost' }], {
    keySize: 2048,
    algorithm: 'sha256',
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 2, value: 'localhost' },
          { type: 7, ip: '127.0.0.1' },
        ],
      },
    ],
  });
  return { key: pems.private, cert: pems.cert };
}

function smtpError(code: number, message: string): Error & { responseCode: number } {
  return Object.assign(new Error(message), { responseCode: code });
}

/**
 * Starts a real SMTP server for tests; call stop() when done. starttls true: offered and required
 * before MAIL FROM; false: not offered and not accepted (a server without TLS).
 */
export async function startSmtpServer(options: { starttls: boolean }): Promise<SmtpTestServer> {
  const { key, cert } = await localhostCertificate();
  const messages: ReceivedMail[] = [];
  const stats: SmtpServerStats = {
    connections: 0,
    logins: 0,
    insecureLogins: 0,
    insecureMailFrom: 0,
    insecureData: 0,
  };
  const protocols = new Map<string, string | null>();
  let failures = 0;
  let hold: { reached: () => void; released: Promise<void> } | undefined;
  let port = 0;
  let server: SMTPServer | undefined;

  const protocolOf = (session: SMTPServerSession): string | null =>
    protocols.get(session.id) ?? (session.tlsOptions ? session.tlsOptions.version : null);

  const create = (): SMTPServer =>
    new SMTPServer({
      secure: false,
      key,
      cert,
      // hideSTARTTLS alone only hides the capability: the command would still work.
      hideSTARTTLS: !options.starttls,
      disabledCommands: options.starttls ? [] : ['STARTTLS'],
      authOptional: true,
      logger: false,
      closeTimeout: 1000,
      onConnect(_session, callback) {
        stats.connections += 1;
        callback();
      },
      onAuth(auth, session, callback) {
        stats.logins += 1;
        if (!session.secure) stats.insecureLogins += 1;
        callback(null, { user: auth.username });
      },
      onSecure(socket, session, callback) {
        protocols.set(session.id, (socket as TLSSocket).getProtocol?.() ?? null);
        callback();
      },
      onRcptTo(_address, _session, callback) {
        const held = hold;
        hold = undefined;
        if (!held) return callback();
        held.reached();
        void held.released.then(() => callback());
      },
      onMailFrom(_address, session, callback) {
        if (!session.secure) {
          stats.insecureMailFrom += 1;
          if (options.starttls) {
            return callback(smtpError(530, 'Must issue a STARTTLS command first'));
          }
        }
        callback();
      },
      onData(stream, session, callback) {
        if (!session.secure) stats.insecureData += 1;
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          if (failures > 0) {
            failures -= 1;
            return callback(smtpError(451, 'Temporary failure, try again later'));
          }
          messages.push({
            raw: Buffer.concat(chunks).toString('utf8'),
            envelope: {
              from: session.envelope.mailFrom ? session.envelope.mailFrom.address : false,
              to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
            },
            secure: session.secure,
            tlsProtocol: protocolOf(session),
          });
          callback();
        });
      },
    });

  const start = (): Promise<void> =>
    new Promise((resolve, reject) => {
      const instance = create();
      instance.once('error', reject);
      instance.listen(port, '127.0.0.1', () => {
        instance.off('error', reject);
        // A client that dies mid-session (a killed bot) resets its connection: not a failure.
        instance.on('error', () => undefined);
        const address = instance.server.address();
        if (address && typeof address === 'object') port = address.port;
        server = instance;
        resolve();
      });
    });

  const stop = (): Promise<void> =>
    new Promise((resolve) => {
      const instance = server;
      server = undefined;
      if (!instance) return resolve();
      instance.close(() => resolve());
    });

  await start();
  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    ca: cert,
    messages,
    stats,
    failNext(count = 1) {
      failures = count;
    },
    holdNext() {
      let reached!: () => void;
      let release!: () => void;
      const reachedPromise = new Promise<void>((resolve) => (reached = resolve));
      const released = new Promise<void>((resolve) => (release = resolve));
      hold = { reached, released };
      return { reached: reachedPromise, release };
    },
    stop,
    start,
  };
}

/** A parsed RFC 822 message: unfolded headers (lower-case names) and the decoded text body. */
export interface ParsedMail {
  headers: Map<string, string>;
  text: string;
}

/** Parses a single-part text mail as nodemailer writes it (7bit or quoted-printable). */
export function parseMail(raw: string): ParsedMail {
  const normalized = raw.replace(/\r\n/g, '\n');
  const split = normalized.indexOf('\n\n');
  if (split < 0) throw new Error('No header/body separator');
  const headers = new Map<string, string>();
  for (const line of normalized
    .slice(0, split)
    .replace(/\n[ \t]+/g, ' ')
    .split('\n')) {
    const colon = line.indexOf(':');
    if (colon <= 0) throw new Error(`Malformed header line: ${line}`);
    headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  let text = normalized.slice(split + 2);
  if (/quoted-printable/i.test(headers.get('content-transfer-encoding') ?? '')) {
    text = Buffer.from(
      text
        .replace(/=\n/g, '')
        .replace(/=([0-9A-F]{2})/gi, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))),
      'latin1',
    ).toString('utf8');
  }
  return { headers, text: text.replace(/\n$/, '') };
}
