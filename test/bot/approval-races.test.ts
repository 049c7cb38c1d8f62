import type { CaseIn } from '../../cases/case';
import type { CaseNumber } from '../../cases/case-number';
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

describeEachBackend('deciding under races, restarts and outages', (backend) => {
  let world: ApprovalWorld;
  beforeEach(async () => {
    world = await startApprovalWorld(backend.fresh());
    await world.channel('register', 'approver-1');
  });
  afterEach(() => world.close());

  const decisions = async (caseNumber: CaseNumber) =>
    (await world.app.stores.audit.forCase(caseNumber)).filter((e) =>
      ['case.approved', 'case.denied'].includes(e.action),
    );
  const stateOf = async (caseNumber: CaseNumber) =>
    (await world.app.stores.cases.get(caseNumber))?.state;

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
    await world.settled(caseNumber);
    expect(await decisions(caseNumber)).toHaveLength(1);
    expect(world.smtp.messages).toHaveLength(1);
    expect(await stateOf(caseNumber)).toBe('mail_sent');
  });

  it('lets exactly one of an approve and a deny racing each other win', async () => {
    const caseNumber = await world.file();
    const [approve, deny] = await Promise.all([
      world.invoke('case.approve', { caseNumber }, 'approver-2'),
      world.invoke('case.deny', { caseNumber, reason: 'Forkert institution' }, 'approver-3'),
    ]);
    await world.settled(caseNumber);
    const decided = await decisions(caseNumber);
    expect(decided).toHaveLength(1);
    const state = await stateOf(caseNumber);
    expect(decided[0]!.action === 'case.denied' ? state === 'denied' : state === 'mail_sent').toBe(
      true,
    );
    // The loser is told who was first, from the stored case.
    const loser = decided[0]!.action === 'case.denied' ? approve : deny;
    expect(JSON.stringify(loser.body.value)).toContain('allerede afgjort');
  });

  it('sends exactly one mail when the bot was stopped after the approval and before the send', async () => {
    const caseNumber = await world.file();
    await world.settled(caseNumber);
    await world.app.worker.stop();
    await world.invoke('case.approve', { caseNumber }, 'approver-2');
    expect(await stateOf(caseNumber)).toBe('approved');
    expect(world.smtp.messages).toHaveLength(0);
    await world.restart();
    await world.settled(caseNumber);
    expect(world.smtp.messages).toHaveLength(1);
    expect(parseMail(world.smtp.messages[0]!.raw).text).not.toContain('erstatter');
    expect(await stateOf(caseNumber)).toBe('mail_sent');
  });

  it('shows mail pending while the SMTP server is down, then sends once it is back', async () => {
    const caseNumber = await world.file();
    await world.smtp.stop();
    await world.invoke('case.approve', { caseNumber }, 'approver-2');
    await until(async () => {
      const value = await world.app.stores.cases.get(caseNumber);
      return value?.state === 'sending' && Boolean(value.lastError);
    });
    await world.say('personal-staff-1', `status ${caseNumber}`);
    const status = JSON.stringify(world.connector.messagesTo('personal-staff-1').at(-1));
    expect(status).toContain(catalogues.da['state.sending']);
    await world.smtp.start();
    await world.settled(caseNumber, 30000);
    expect(world.smtp.messages).toHaveLength(1);
    expect(await stateOf(caseNumber)).toBe('mail_sent');
  });

  it('resends with a fresh password that says it replaces the earlier mail after a crash mid-send', async () => {
    const caseNumber = await world.file();
    await world.settled(caseNumber);
    await world.app.worker.stop();
    await world.invoke('case.approve', { caseNumber }, 'approver-2');
    // A worker started sending and died before it could say how the attempt ended.
    const approved = (await world.app.stores.cases.get(caseNumber)) as CaseIn<'approved'>;
    const sending: CaseIn<'sending'> = {
      ...approved,
      state: 'sending',
      attempt: 1,
      inFlight: true,
    };
    expect(
      (await world.app.stores.cases.transition(caseNumber, ['approved'], sending, [])).won,
    ).toBe(true);
    await world.restart();
    await world.settled(caseNumber);
    expect(world.smtp.messages).toHaveLength(1);
    const mail = parseMail(world.smtp.messages[0]!.raw);
    expect(decodeHeader(mail.headers.get('subject') ?? '')).toMatch(/erstatter tidligere mail/);
    expect(mail.text).toContain(catalogues.da['mail.replacement']);
    const audit = await world.app.stores.audit.forCase(caseNumber);
    expect(audit.find((e) => e.action === 'case.mail_sent')?.detail).toMatch(/replaces/);
  });
});
