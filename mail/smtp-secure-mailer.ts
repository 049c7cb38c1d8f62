import { rootCertificates } from 'node:tls';
import { createTransport } from 'nodemailer';
import type Mail from 'nodemailer/lib/mailer';
import type SMTPPool from 'nodemailer/lib/smtp-pool';
import type SMTPTransport from 'nodemailer/lib/smtp-transport';
import type { MailReceipt, SecureMail, SecureMailer } from '../cases/secure-mail';

/** Configuration of {@link SmtpSecureMailer}. */
export interface SmtpSecureMailerOptions {
  /** SMTP_URL: `smtp://user:pass@host:587` (STARTTLS) or `smtps://…:465` (implicit TLS). */
  url: string;
  /** MAIL_FROM. */
  from: string;
  /** An extra trusted CA certificate (PEM), trusted next to the system roots; for tests. */
  ca?: string | Buffer;
}

/** A mail that could not be sent; its message never carries the mail body. */
export class SecureMailError extends Error {
  /** The SMTP reply code, when the server gave one. */
  readonly responseCode?: number;

  constructor(message: string, options: { cause?: unknown; responseCode?: number } = {}) {
    super(message, { cause: options.cause });
    this.name = 'SecureMailError';
    this.responseCode = options.responseCode;
  }
}

const DEFAULT_PORTS: Record<string, number> = { 'smtp:': 587, 'smtps:': 465 };

/** Builds the nodemailer SMTP options from SMTP_URL; throws on anything but a plain URL. */
export function smtpTransportOptions(url: string, ca?: string | Buffer): SMTPTransport.Options {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error('SMTP_URL is not a valid URL');
  }
  const defaultPort = DEFAULT_PORTS[parsed.protocol];
  if (defaultPort === undefined) {
    throw new Error('SMTP_URL must start with smtp:// or smtps://');
  }
  // nodemailer reads TLS switches from the query string; none may reach it, so none are accepted.
  if (parsed.search !== '' || parsed.hash !== '') {
    throw new Error('SMTP_URL must not carry options (?…/#…): the TLS settings are fixed');
  }
  if (parsed.hostname === '') {
    throw new Error('SMTP_URL has no host');
  }
  const user = decodeURIComponent(parsed.username);
  const pass = decodeURIComponent(parsed.password);
  return {
    host: parsed.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: parsed.port === '' ? defaultPort : Number(parsed.port),
    secure: parsed.protocol === 'smtps:',
    requireTLS: true,
    ignoreTLS: false,
    opportunisticTLS: false,
    // Node's `ca` replaces the system roots, so the extra CA is appended to them.
    tls: {
      minVersion: 'TLSv1.2',
      rejectUnauthorized: true,
      ...(ca === undefined ? {} : { ca: [...rootCertificates, ca] }),
    },
    auth: user === '' ? undefined : { user, pass },
    connectionTimeout: 30_000,
    greetingTimeout: 30_000,
    socketTimeout: 60_000,
    // The body may hold a password: keep it out of any log.
    logger: false,
    debug: false,
    transactionLog: false,
  };
}

interface SmtpErrorFields {
  code?: unknown;
  command?: unknown;
  responseCode?: unknown;
  message?: unknown;
}

/** As many connections as the outbox worker sends mails at once. */
const POOLED_CONNECTIONS = 8;

/**
 * Sends secure mail over SMTP with enforced, verified TLS 1.2+ (STARTTLS or implicit TLS).
 * Connections are pooled and reused: a new connection per mail spent most of each send on the
 * TCP and TLS handshakes (the bench's approval-to-mail time). Each pooled connection gets the
 * same enforced TLS.
 */
export class SmtpSecureMailer implements SecureMailer {
  private readonly transporter: Mail<SMTPPool.SentMessageInfo>;
  private readonly from: string;

  constructor(options: SmtpSecureMailerOptions) {
    this.transporter = createTransport({
      ...smtpTransportOptions(options.url, options.ca),
      pool: true,
      maxConnections: POOLED_CONNECTIONS,
    });
    this.from = options.from;
  }

  close(): void {
    this.transporter.close();
  }

  async send(mail: SecureMail): Promise<MailReceipt> {
    let info: SMTPPool.SentMessageInfo;
    try {
      info = await this.transporter.sendMail({
        from: this.from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        headers: { 'X-Unilogin-Case': mail.caseNumber },
      });
    } catch (err) {
      throw toSecureMailError(err, mail);
    }
    if (info.rejected.length > 0) {
      throw new SecureMailError(`Secure mail for case ${mail.caseNumber} was rejected`);
    }
    return { messageId: info.messageId };
  }
}

function toSecureMailError(err: unknown, mail: SecureMail): SecureMailError {
  const fields: SmtpErrorFields = typeof err === 'object' && err !== null ? err : {};
  const responseCode = typeof fields.responseCode === 'number' ? fields.responseCode : undefined;
  const details = [
    typeof fields.code === 'string' ? fields.code : undefined,
    typeof fields.command === 'string' ? `at ${fields.command}` : undefined,
    responseCode === undefined ? undefined : `response ${responseCode}`,
  ].filter((part) => part !== undefined);
  const reason = redact(typeof fields.message === 'string' ? fields.message : String(err), mail);
  const suffix = details.length > 0 ? ` (${details.join(', ')})` : '';
  return new SecureMailError(
    `Secure mail for case ${mail.caseNumber} not sent${suffix}: ${reason}`,
    { cause: err, responseCode },
  );
}

/** Removes the mail body, and every non-trivial line of it, from a text. */
function redact(text: string, mail: SecureMail): string {
  const pieces = [mail.text, ...mail.text.split(/\r?\n/)]
    .map((piece) => piece.trim())
    .filter((piece) => piece.length >= 4)
    .sort((a, b) => b.length - a.length);
  let out = text;
  for (const piece of pieces) {
    out = out.split(piece).join('[redacted]');
  }
  return out;
}
