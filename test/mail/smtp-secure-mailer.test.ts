import { rootCertificates } from 'node:tls';
import type { SecureMail } from '../../cases/secure-mail';
import {
  SecureMailError,
  SmtpSecureMailer,
  smtpTransportOptions,
} from '../../mail/smtp-secure-mailer';
import { parseMail, startSmtpServer, type SmtpTestServer } from '../support/smtp-test-server';

const PASSWORD = 'Kx7#pQ2!vR9$wL4&';
const FROM = 'unilogin@stil.example';

function aMail(): SecureMail {
  return {
    to: 'sikkermail@skole.example',
    subject: 'Unilogin til Anna',
    text: `Hej\nBrugernavn: anna1234\nAdgangskode: ${PASSWORD}\nVenlig hilsen STIL`,
    caseNumber: 'UL-7K3Q9',
  };
}

async function sendFailure(mailer: SmtpSecureMailer): Promise<Error> {
  const error = await mailer.send(aMail()).then(
    () => undefined,
    (err: unknown) => err,
  );
  if (!(error instanceof Error)) throw new Error('expected send to reject');
  return error;
}

function resetServer(server: SmtpTestServer): void {
  server.messages.length = 0;
  for (const key of Object.keys(server.stats) as (keyof SmtpTestServer['stats'])[]) {
    server.stats[key] = 0;
  }
}

describe('SmtpSecureMailer against a server that offers STARTTLS', () => {
  let server: SmtpTestServer;

  beforeAll(async () => {
    server = await startSmtpServer({ starttls: true });
  });
  beforeEach(() => resetServer(server));
  afterAll(() => server.stop());

  const opened: SmtpSecureMailer[] = [];
  afterEach(() => opened.splice(0).forEach((m) => m.close()));
  const mailer = (url = server.url): SmtpSecureMailer => {
    const created = new SmtpSecureMailer({ url, from: FROM, ca: server.ca });
    opened.push(created);
    return created;
  };

  it('delivers from, to, subject, text and the case header over TLS 1.2 or newer', async () => {
    const receipt = await mailer().send(aMail());

    expect(server.messages).toHaveLength(1);
    const [received] = server.messages;
    expect(received?.secure).toBe(true);
    expect(['TLSv1.2', 'TLSv1.3']).toContain(received?.tlsProtocol);
    expect(received?.envelope).toEqual({ from: FROM, to: ['sikkermail@skole.example'] });
    const parsed = parseMail(received?.raw ?? '');
    expect(parsed.headers.get('from')).toBe(FROM);
    expect(parsed.headers.get('to')).toBe('sikkermail@skole.example');
    expect(parsed.headers.get('subject')).toBe('Unilogin til Anna');
    expect(parsed.headers.get('x-unilogin-case')).toBe('UL-7K3Q9');
    expect(parsed.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(parsed.text).toBe(aMail().text);
    expect(parsed.headers.get('message-id')).toBe(receipt.messageId);
  });

  it('sends the login only inside TLS and never starts a mail on a plain session', async () => {
    const url = server.url.replace('smtp://', 'smtp://bot%40stil:s3cr%3At@');
    await mailer(url).send(aMail());

    expect(server.stats.logins).toBe(1);
    expect(server.stats.insecureLogins).toBe(0);
    expect(server.stats.insecureMailFrom).toBe(0);
    expect(server.stats.insecureData).toBe(0);
    expect(server.messages.every((m) => m.secure)).toBe(true);
  });

  it('sends one mail after another over one connection, each inside TLS', async () => {
    const pooled = mailer();
    for (let i = 0; i < 5; i++) await pooled.send(aMail());

    expect(server.messages).toHaveLength(5);
    expect(server.messages.every((m) => m.secure)).toBe(true);
    expect(server.stats.connections).toBe(1);
    expect(server.stats.insecureMailFrom).toBe(0);
  });

  it('opens at most eight connections for many mails at once', async () => {
    const pooled = mailer();
    await Promise.all(Array.from({ length: 30 }, () => pooled.send(aMail())));

    expect(server.messages).toHaveLength(30);
    expect(server.stats.connections).toBeGreaterThan(1);
    expect(server.stats.connections).toBeLessThanOrEqual(8);
  });

  it('connects anew when the server dropped its pooled connection', async () => {
    const pooled = mailer();
    await pooled.send(aMail());
    await server.stop();
    await server.start();

    await pooled.send(aMail());

    expect(server.messages).toHaveLength(2);
    expect(server.stats.connections).toBe(2);
  });

  it('rejects a server whose certificate it does not trust, and nothing arrives', async () => {
    const untrusting = new SmtpSecureMailer({ url: server.url, from: FROM });

    const error = await sendFailure(untrusting);

    expect(error).toBeInstanceOf(SecureMailError);
    expect(error.message).toMatch(/certificate/i);
    expect(server.messages).toHaveLength(0);
    expect(server.stats.insecureMailFrom).toBe(0);
  });

  it('reports a 451 with its code and without the mail text', async () => {
    server.failNext();

    const error = await sendFailure(mailer());

    expect(error).toBeInstanceOf(SecureMailError);
    expect((error as SecureMailError).responseCode).toBe(451);
    expect(error.message).toContain('451');
    expect(error.message).toContain('UL-7K3Q9');
    expect(error.message).not.toContain(PASSWORD);
    expect(String(error.stack)).not.toContain(PASSWORD);
    expect(server.messages).toHaveLength(0);
  });

  it('rejects while the server is down and delivers again once it is back', async () => {
    await server.stop();
    const error = await sendFailure(mailer());
    await server.start();

    expect(error).toBeInstanceOf(SecureMailError);
    expect(error.message).not.toContain(PASSWORD);
    await mailer().send(aMail());
    expect(server.messages).toHaveLength(1);
  });
});

describe('SmtpSecureMailer against a server that offers no STARTTLS', () => {
  let server: SmtpTestServer;

  beforeAll(async () => {
    server = await startSmtpServer({ starttls: false });
  });
  afterAll(() => server.stop());

  it('refuses to send in plain text, and the server receives nothing', async () => {
    const url = server.url.replace('smtp://', 'smtp://bot:hemmelig@');
    const error = await sendFailure(new SmtpSecureMailer({ url, from: FROM, ca: server.ca }));

    expect(error).toBeInstanceOf(SecureMailError);
    expect(error.message).not.toContain(PASSWORD);
    expect(server.stats.connections).toBe(1);
    expect(server.stats.logins).toBe(0);
    expect(server.stats.insecureMailFrom).toBe(0);
    expect(server.stats.insecureData).toBe(0);
    expect(server.messages).toHaveLength(0);
  });
});

describe('SMTP_URL handling', () => {
  it.each([
    'smtp://127.0.0.1:25/?ignoreTLS=true',
    'smtp://127.0.0.1:25/?requireTLS=false',
    'smtp://127.0.0.1:25/?tls.rejectUnauthorized=false',
    'smtp://127.0.0.1:25/?secure=false',
    'smtp://127.0.0.1:25/?opportunisticTLS=true',
    'smtp://127.0.0.1:25/#ignoreTLS',
  ])('refuses %s at construction', (url) => {
    expect(() => new SmtpSecureMailer({ url, from: FROM })).toThrow(/must not carry options/);
  });

  it.each(['http://mail.example:25', 'smtp:relative', 'not a url'])(
    'refuses %s, which is no smtp:// or smtps:// URL',
    (url) => {
      expect(() => new SmtpSecureMailer({ url, from: FROM })).toThrow(/SMTP_URL/);
    },
  );

  it('requires verified STARTTLS with TLS 1.2+ for an smtp:// URL', () => {
    const options = smtpTransportOptions('smtp://bot%40stil:p%40ss@mail.example:587');

    expect(options).toMatchObject({
      host: 'mail.example',
      port: 587,
      secure: false,
      requireTLS: true,
      ignoreTLS: false,
      opportunisticTLS: false,
      auth: { user: 'bot@stil', pass: 'p@ss' },
      tls: { minVersion: 'TLSv1.2', rejectUnauthorized: true },
    });
    expect(options.tls).not.toHaveProperty('ca');
  });

  it('trusts an extra CA next to the system roots, not instead of them', () => {
    const ca = smtpTransportOptions('smtp://mail.example', 'EXTRA-CA-PEM').tls?.ca;

    expect(ca).toEqual(expect.arrayContaining([...rootCertificates, 'EXTRA-CA-PEM']));
  });

  it('uses implicit TLS on port 465 only for an smtps:// URL', () => {
    expect(smtpTransportOptions('smtps://mail.example')).toMatchObject({
      port: 465,
      secure: true,
      requireTLS: true,
    });
    expect(smtpTransportOptions('smtp://mail.example')).toMatchObject({ port: 587, secure: false });
  });
});
