import type { CaseIn, RequestedItems } from '../../cases/case';
import type { CaseNumber } from '../../cases/case-number';
import type { Cvr } from '../../cases/cvr';
import { builtInIssuer, USERNAME_PATTERN } from '../../cases/credentials';
import { jobsFor, type Job } from '../../cases/effects';
import type { JobOutcome } from '../../cases/effects-worker';
import { runCommand } from '../../cases/run-command';
import { sendCredentials } from '../../mail/send-credentials';
import { SmtpSecureMailer } from '../../mail/smtp-secure-mailer';
import { directory, openWorld, SOLSIKKEN, type UnitWorld } from '../approval-units/world';
import { aCaseIn } from '../support/case-builder';
import { rawStoredData } from '../support/raw-storage';
import { parseMail, startSmtpServer, type SmtpTestServer } from '../support/smtp-test-server';
import { describeEachBackend } from '../support/storage-backends';
import { catalogues } from '../../texts';

type SendMailJob = Extract<Job, { kind: 'sendMail' }>;

const T0 = new Date('2026-03-02T09:30:00.000Z');
const DECISION = { by: { aadObjectId: 'approver-1', name: 'Anna' }, at: T0.toISOString() };
const REPLACEMENT = 'Denne mail erstatter en tidligere mail i samme sag';

/** Decodes RFC 2047 encoded words (as nodemailer writes a non-ASCII subject). */
const decodeHeader = (value = '') =>
  value.replace(/=\?utf-8\?([bq])\?([^?]*)\?=\s*/gi, (_m, encoding: string, data: string) =>
    encoding.toLowerCase() === 'b'
      ? Buffer.from(data, 'base64').toString('utf8')
      : Buffer.from(
          data
            .replace(/_/g, ' ')
            .replace(/=([0-9a-f]{2})/gi, (_x, hex: string) =>
              String.fromCharCode(parseInt(hex, 16)),
            ),
          'latin1',
        ).toString('utf8'),
  );

/** One received mail: its recipients, subject, username and password lines. */
function read(smtp: SmtpTestServer, index: number) {
  const received = smtp.messages[index]!;
  const { headers, text } = parseMail(received.raw);
  return {
    to: received.envelope.to,
    subject: decodeHeader(headers.get('subject')),
    text,
    username: /^Brugernavn: (\S+)$/m.exec(text)?.[1],
    password: /^Adgangskode: (\S+)$/m.exec(text)?.[1],
  };
}

describeEachBackend('the sendMail job', (backend) => {
  let smtp: SmtpTestServer;
  let world: UnitWorld;
  let mailer: SmtpSecureMailer;
  let run: (job: SendMailJob) => Promise<JobOutcome>;

  beforeAll(async () => {
    smtp = await startSmtpServer({ starttls: true });
  });
  afterAll(() => smtp.stop());

  beforeEach(async () => {
    smtp.messages.length = 0;
    smtp.failNext(0);
    world = await openWorld(T0, { where: backend.fresh() });
    mailer = new SmtpSecureMailer({ url: smtp.url, from: 'unilogin@stil.example', ca: smtp.ca });
    run = sendCredentials({
      workflow: world.deps,
      issuer: builtInIssuer(world.stores.usernames),
      mailer,
      institutions: directory,
    });
  });
  afterEach(async () => {
    mailer.close();
    await world.close();
  });

  /** Stores an approved case with its sendMail job, as approval leaves it; returns the job. */
  async function approved(overrides: Partial<CaseIn<'filed'>> = {}): Promise<SendMailJob> {
    const value = aCaseIn('approved', { decision: DECISION }, overrides);
    await world.file(value, jobsFor(value.caseNumber, [{ kind: 'sendMail' }], T0));
    const [job] = await world.stores.jobs.forCase(value.caseNumber);
    if (job?.kind !== 'sendMail') throw new Error('expected the sendMail job');
    return job;
  }
  const stored = (caseNumber: CaseNumber) => world.stores.cases.get(caseNumber);
  /** The jobs the sending queued for the case, besides the sendMail job itself. */
  const followUps = async (caseNumber: CaseNumber) =>
    (await world.stores.jobs.forCase(caseNumber)).filter((job) => job.kind !== 'sendMail');

  it('sends exactly one mail and marks the case mail_sent with the username it carried', async () => {
    const job = await approved();
    world.setNow(new Date(T0.getTime() + 5000));
    expect(await run(job)).toEqual({ outcome: 'done' });

    expect(smtp.messages).toHaveLength(1);
    expect(smtp.messages[0]!.secure).toBe(true);
    const mail = read(smtp, 0);
    expect(mail.to).toEqual([SOLSIKKEN.secureMailAddress]);
    expect(mail.username).toMatch(USERNAME_PATTERN);
    expect(mail.password).toMatch(/^[A-Za-z0-9]{14}$/);
    expect(mail.subject).not.toContain('erstatter');
    expect(mail.text).not.toContain(REPLACEMENT);

    const after = await stored(job.caseNumber);
    if (after?.state !== 'mail_sent') throw new Error(`expected mail_sent, got ${after?.state}`);
    expect(after.mail).toEqual({
      sentAt: new Date(T0.getTime() + 5000).toISOString(),
      messageId: expect.any(String),
      username: mail.username,
    });
    expect(await world.stores.usernames.reservedFor(job.caseNumber)).toBe(mail.username);
    const next = await followUps(job.caseNumber);
    expect(next.map((j) => j.kind).sort()).toEqual(['audit', 'tellRequester', 'updateCard']);
    expect(next).toContainEqual(expect.objectContaining({ notice: 'mailSent' }));
    expect(next).toContainEqual(
      expect.objectContaining({ entry: expect.objectContaining({ action: 'case.mail_sent' }) }),
    );
  });

  it('keeps the password nowhere in storage, only in the mail', async () => {
    const job = await approved();
    await run(job);
    await world.runJobs();
    const { username, password } = read(smtp, 0);
    const raw = await rawStoredData(world.where);
    expect(raw).toContain(username); // the raw read does see what was stored
    expect(raw).not.toContain(password);
  });

  it('sends nothing when it runs again after the case was marked mail_sent', async () => {
    const job = await approved();
    await run(job);
    const sent = await stored(job.caseNumber);
    expect(await run(job)).toEqual({ outcome: 'done' });
    expect(smtp.messages).toHaveLength(1);
    expect(await stored(job.caseNumber)).toEqual(sent);
  });

  it('records an SMTP failure on the case and asks for a retry; the next run sends', async () => {
    const job = await approved();
    smtp.failNext(1);
    const outcome = await run(job);
    expect(outcome).toMatchObject({ outcome: 'retry', reason: expect.stringMatching(/451/) });
    expect(smtp.messages).toHaveLength(0);
    const failed = await stored(job.caseNumber);
    expect(failed).toMatchObject({ state: 'sending', attempt: 1, inFlight: false });
    expect(failed).toHaveProperty('lastError', expect.stringMatching(/451/));
    const audit = (await followUps(job.caseNumber)).flatMap((j) =>
      j.kind === 'audit' ? [j.entry.action] : [],
    );
    expect(audit).toEqual(['mail.failed']);

    expect(await run(job)).toEqual({ outcome: 'done' });
    expect(smtp.messages).toHaveLength(1);
    const mail = read(smtp, 0);
    // The failed attempt never reached the server: the mail does not claim to replace one.
    expect(mail.text).not.toContain(REPLACEMENT);
    expect(mail.username).toBe(await world.stores.usernames.reservedFor(job.caseNumber));
    const after = await stored(job.caseNumber);
    expect(after).toMatchObject({ state: 'mail_sent', mail: { username: mail.username } });
    expect(after).not.toHaveProperty('lastError');
  });

  it('asks for the card to show "retrying" on the first failure only', async () => {
    const job = await approved();
    smtp.failNext(2);
    await run(job);
    await run(job);
    expect(await stored(job.caseNumber)).toMatchObject({ state: 'sending', attempt: 2 });
    const kinds = (await followUps(job.caseNumber)).map((j) => j.kind).sort();
    expect(kinds).toEqual(['audit', 'audit', 'updateCard']);
  });

  it('sends a mail that replaces an earlier one, with the same username, when a worker died mid-send', async () => {
    const job = await approved();
    // What the dead worker did before it talked to the mail server.
    await runCommand(world.deps, job.caseNumber, () => ({ kind: 'startSending' }));
    const username = await builtInIssuer(world.stores.usernames).usernameFor(job.caseNumber);
    expect(await stored(job.caseNumber)).toMatchObject({ state: 'sending', inFlight: true });

    expect(await run(job)).toEqual({ outcome: 'done' });
    expect(smtp.messages).toHaveLength(1);
    const mail = read(smtp, 0);
    expect(mail.subject).toContain('(erstatter tidligere mail)');
    expect(mail.text).toContain(REPLACEMENT);
    expect(mail.username).toBe(username);
    expect(mail.password).toMatch(/^[A-Za-z0-9]{14}$/);
    expect(await stored(job.caseNumber)).toMatchObject({
      state: 'mail_sent',
      mail: { username },
    });
    const entries = (await followUps(job.caseNumber)).flatMap((j) =>
      j.kind === 'audit' ? [j.entry] : [],
    );
    expect(entries).toEqual([
      expect.objectContaining({
        action: 'case.mail_sent',
        detail: expect.stringMatching(/replaces/),
      }),
    ]);
  });

  it('waits, sending nothing, while the institution is not in the directory', async () => {
    const job = await approved({ institution: { cvr: '25313763' as Cvr, recipient: 'Bo' } });
    expect(await run(job)).toMatchObject({
      outcome: 'retry',
      reason: expect.stringMatching(/directory/),
    });
    expect(smtp.messages).toHaveLength(0);
    expect((await stored(job.caseNumber))?.state).toBe('approved');
  });

  describe('for a forgotten login', () => {
    const EARLIER_USERNAME = 'kbmt4821';

    async function forgotten(requested: RequestedItems): Promise<SendMailJob> {
      const earlier = aCaseIn('mail_sent', {
        decision: DECISION,
        mail: { sentAt: T0.toISOString(), username: EARLIER_USERNAME },
      });
      await world.file(earlier);
      return approved({
        request: { kind: 'forgotten', earlierCaseNumber: earlier.caseNumber, requested },
      });
    }

    it.each([
      {
        requested: 'username',
        sends: 'the earlier username only',
        username: EARLIER_USERNAME,
        withPassword: false,
      },
      {
        requested: 'password',
        sends: 'a new password only',
        username: undefined,
        withPassword: true,
      },
      {
        requested: 'both',
        sends: 'the earlier username and a new password',
        username: EARLIER_USERNAME,
        withPassword: true,
      },
    ] as const)(
      'asked for $requested, sends $sends',
      async ({ requested, username, withPassword }) => {
        const job = await forgotten(requested);
        expect(await run(job)).toEqual({ outcome: 'done' });
        expect(smtp.messages).toHaveLength(1);
        const mail = read(smtp, 0);
        expect(mail.username).toBe(username);
        expect(mail.password !== undefined).toBe(withPassword);
        // A new password replaces the old one, and the mail says so.
        expect(mail.text.includes(catalogues.da['mail.oldPasswordStops'])).toBe(withPassword);
        const after = await stored(job.caseNumber);
        if (after?.state !== 'mail_sent') throw new Error('expected mail_sent');
        expect(after.mail.username).toBe(username);
        // No new username is issued for a forgotten login.
        expect(await world.stores.usernames.reservedFor(job.caseNumber)).toBeUndefined();
      },
    );
  });
});
