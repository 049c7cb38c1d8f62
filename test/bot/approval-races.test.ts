import { catalogues } from '../../texts';
import { startApprovalWorld, type ApprovalWorld } from '../support/approval-world';
import { parseMail } from '../support/smtp-test-server';
import { describeEachBackend } from '../support/storage-backends';
import { until } from '../support/until';

/** Decodes RFC 2047 Q-encoded words (`=?UTF-8?Q?...?=`) of a mail header. */
const decodeHeader = (value: string) =>
  value.replace(/\?=\s+=\?/g, '?==?').replace(/=\?UTF-8\?Q\?(.*?)\?=/gi, (_, q: string) =>
    Buffer.from(
      q
        .replace(/_/g, ' ')
        .replace(/=([0-9A-F]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16))),
      'latin1',
    ).toString('utf8'),
  );
const settle = () => new Promise((resolve) => setTimeout(resolve, 700));

describeEachBackend('deciding under races, restarts and outages', (backend) => {
  let world: ApprovalWorld;
  beforeEach(async () => {
    world = await startApprovalWorld(backend.fresh());
    await world.channel('register', 'approver-1');
  });
  afterEach(() => world.close());

  const decisions = async (caseNumber: string) =>
    (await world.app.stores.storage.audit.forCase(caseNumber)).filter((e) =>
      ['case.approved', 'case.denied'].includes(e.action),
    );

  it('approves exactly once and mails exactly once for 20 concurrent clicks by 3 approvers', async () => {
    const caseNumber = await world.file();
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        world.invoke('case.approve', { caseNumber }, `approver-${(i % 3) + 1}`),
      ),
    );
    expect(answers.every((a) => a.status === 200)).toBe(true);
    const already = answers.filter((a) =>
      JSON.stringify(a.body.value).includes('allerede afgjort'),
    );
    expect(already).toHaveLength(19);
    expect(await decisions(caseNumber)).toHaveLength(1);
    await until(() => world.smtp.messages.length === 1);
    await settle();
    expect(world.smtp.messages).toHaveLength(1);
  });

  it('lets exactly one of an approve and a deny racing each other win', async () => {
    const caseNumber = await world.file();
    await Promise.all([
      world.invoke('case.approve', { caseNumber }, 'approver-2'),
      world.invoke('case.deny', { caseNumber, reason: 'Forkert institution' }, 'approver-3'),
    ]);
    const decided = await decisions(caseNumber);
    expect(decided).toHaveLength(1);
    const state = (await world.app.stores.cases.get(caseNumber))?.value.state;
    expect(decided[0]!.action === 'case.denied' ? state === 'denied' : state !== 'denied').toBe(
      true,
    );
  });

  it('sends exactly one mail when the bot was stopped after the approval and before the send', async () => {
    const caseNumber = await world.file();
    await world.app.outbox.stop();
    await world.invoke('case.approve', { caseNumber }, 'approver-2');
    expect((await world.app.stores.cases.get(caseNumber))?.value.state).toBe('approved');
    expect(world.smtp.messages).toHaveLength(0);
    await world.restart();
    await until(() => world.smtp.messages.length === 1);
    await settle();
    expect(world.smtp.messages).toHaveLength(1);
    expect(parseMail(world.smtp.messages[0]!.raw).text).not.toContain('erstatter');
    expect((await world.app.stores.cases.get(caseNumber))?.value.state).toBe('mail_sent');
  });

  it('shows mail pending while the SMTP server is down, then sends once it is back', async () => {
    const caseNumber = await world.file();
    await world.smtp.stop();
    await world.invoke('case.approve', { caseNumber }, 'approver-2');
    await until(async () =>
      Boolean((await world.app.stores.cases.get(caseNumber))?.value.outbox?.lastError),
    );
    await world.say('personal-staff-1', `status ${caseNumber}`);
    const status = JSON.stringify(world.connector.messagesTo('personal-staff-1').at(-1));
    expect(status).toContain(catalogues.da['state.approved']);
    await world.smtp.start();
    await until(() => world.smtp.messages.length === 1, 20000);
    await until(
      async () => (await world.app.stores.cases.get(caseNumber))?.value.state === 'mail_sent',
    );
    await settle();
    expect(world.smtp.messages).toHaveLength(1);
  });

  it('resends with a fresh password that says it replaces the earlier mail after a crash mid-send', async () => {
    const caseNumber = await world.file();
    await world.app.outbox.stop();
    await world.invoke('case.approve', { caseNumber }, 'approver-2');
    // A worker claimed the job and died after the server accepted its mail: the lease ran out.
    const claimed = (await world.app.stores.cases.get(caseNumber))!;
    const past = new Date(Date.now() - 1000).toISOString();
    await world.app.stores.cases.replace(
      {
        ...claimed.value,
        state: 'sending',
        outbox: { ...claimed.value.outbox!, state: 'sending', attempts: 1, leaseUntil: past },
      },
      claimed.version,
    );
    await world.restart();
    await until(() => world.smtp.messages.length === 1);
    const mail = parseMail(world.smtp.messages[0]!.raw);
    expect(decodeHeader(mail.headers.get('subject') ?? '')).toMatch(/erstatter tidligere mail/);
    expect(mail.text).toContain(catalogues.da['mail.replacement']);
  });
});
