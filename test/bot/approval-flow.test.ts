import type { CaseNumber } from '../../cases/case-number';
import { catalogues } from '../../texts';
import { startApprovalWorld, type ApprovalWorld } from '../support/approval-world';
import { parseMail } from '../support/smtp-test-server';
import { describeEachBackend } from '../support/storage-backends';
import { until } from '../support/until';
import { rawStoredData } from '../support/raw-storage';

const da = catalogues.da;
const CHANNEL = '19:support@thread.tacv2;messageid=1';

describeEachBackend('approval in the support channel', (backend) => {
  let world: ApprovalWorld;
  beforeEach(async () => {
    world = await startApprovalWorld(backend.fresh());
  });
  afterEach(() => world.close());

  const channelTexts = () => world.connector.textsTo(CHANNEL);
  const postedCards = () =>
    world.connector.calls
      .filter((c) => c.method === 'POST' && c.path === '/v3/conversations')
      .map(
        (c) => (c.body.activity as { attachments: { content: unknown }[] }).attachments[0]!.content,
      );
  const cardUpdates = () =>
    world.connector.calls
      .filter((c) => c.method === 'PUT')
      .map((c) => JSON.stringify(c.body.attachments?.[0]?.content));

  it('files, posts, approves, mails and confirms: the whole main path', async () => {
    const caseNumber = await world.file('staff-1', '010190-1234');
    expect(world.connector.textsTo('personal-staff-1')).toContain(
      da['requester.waitingForSupport'],
    );

    await world.channel('registrer', 'staff-1');
    expect(channelTexts()).toContain(da['channel.registerRefused']);
    await world.channel('registrer', 'approver-1');
    expect(channelTexts()).toContain(da['channel.registered']);
    await until(() => postedCards().length === 1);
    const posted = JSON.stringify(postedCards()[0]);
    expect(posted).toContain(caseNumber);
    expect(posted).toContain('010190-****');
    expect(posted).toContain('Solsikkens Skole');
    expect(posted).not.toMatch(/010190-?1234/);
    expect(posted).toContain('approver-1');

    const viewed = await world.invoke('case.refresh', { caseNumber }, 'approver-2');
    expect(JSON.stringify(viewed.body.value.actions)).toContain('case.approve');
    const readOnly = await world.invoke('case.refresh', { caseNumber }, 'someone-else');
    expect(JSON.stringify(readOnly.body.value.actions ?? [])).not.toMatch(
      /case\.approve|case\.deny/,
    );
    expect(JSON.stringify(readOnly.body.value)).toContain(da['access.noAccess']);
    expect(JSON.stringify(readOnly.body.value)).not.toContain(caseNumber);

    const approved = await world.invoke('case.approve', { caseNumber }, 'approver-2');
    expect(approved.status).toBe(200);
    expect(approved.body.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(JSON.stringify(approved.body.value)).toContain('Godkendt af Name of approver-2');

    await until(() => world.smtp.messages.length === 1);
    const mail = parseMail(world.smtp.messages[0]!.raw);
    expect(world.smtp.messages[0]!.secure).toBe(true);
    expect(mail.text).toContain('Att.: Åse Ørum-Jæger, Solsikkens Skole (fiktiv)');
    expect(mail.text).toContain(caseNumber);
    expect(mail.text).not.toMatch(/010190-?1234/);
    const username = /Brugernavn: ([a-z]{4}\d{4})/.exec(mail.text)?.[1];
    const password = /Adgangskode: (\S+)/.exec(mail.text)?.[1];
    expect(username).toBeDefined();
    expect(password).toMatch(/^(?=.*[a-z])(?=.*[A-Z])(?=.*\d).{8,24}$/);

    await until(() =>
      world.connector
        .textsTo('personal-staff-1')
        .some((t) => t.startsWith(`Sag ${caseNumber}: Sikker mail`)),
    );
    await until(() =>
      cardUpdates().some((c) => c.includes('Sikker mail sendt til Åse Ørum-Jæger')),
    );
    await world.say('personal-staff-1', `status ${caseNumber}`);
    expect(JSON.stringify(world.connector.messagesTo('personal-staff-1').at(-1))).toContain(
      da['state.mail_sent'],
    );

    const everything = [
      await rawStoredData(world.app.where),
      world.app.logs.join('\n'),
      JSON.stringify(world.connector.calls),
    ].join('\n');
    expect(everything).not.toContain(password!);
    expect(everything).toContain(username!);
    expect(everything).not.toMatch(/010190-?1234|0101901234/);
  });

  it('denies with a reason and tells the requester the reason', async () => {
    await world.channel('register', 'approver-1');
    const caseNumber = await world.file();
    const withoutReason = await world.invoke('case.deny', { caseNumber }, 'approver-1');
    expect(JSON.stringify(withoutReason.body.value)).toContain(da['approval.notice.reasonMissing']);
    const denied = await world.invoke(
      'case.deny',
      { caseNumber, reason: 'Ikke kontaktperson' },
      'approver-1',
    );
    expect(JSON.stringify(denied.body.value)).toContain('Afvist af Name of approver-1');
    await until(() =>
      world.connector
        .textsTo('personal-staff-1')
        .includes(`Sag ${caseNumber} er afvist af STIL-support. Begrundelse: Ikke kontaktperson`),
    );
    const again = await world.invoke('case.approve', { caseNumber }, 'approver-2');
    expect(JSON.stringify(again.body.value)).toMatch(/allerede afgjort af Name of approver-1/);
    expect(world.smtp.messages).toHaveLength(0);
  });

  it('refuses a non-approver, the requester on their own case, unknown cases and malformed data', async () => {
    await world.channel('register', 'approver-1');
    const caseNumber = await world.file('approver-3');
    const refusals: [string, unknown, string, string][] = [
      ['case.approve', { caseNumber }, 'staff-9', da['access.noAccess']],
      ['case.approve', { caseNumber }, 'approver-3', da['approval.notice.ownCase']],
      ['case.deny', { caseNumber, reason: 'x' }, 'approver-3', da['approval.notice.ownCase']],
    ];
    for (const [verb, data, from, notice] of refusals) {
      const answer = await world.invoke(verb, data, from);
      expect(JSON.stringify(answer.body.value)).toContain(notice);
    }
    const unknown = await world.invoke(
      'case.approve',
      { caseNumber: 'UL-2026-99999' },
      'approver-1',
    );
    expect([unknown.status, unknown.body.value.message]).toEqual([
      400,
      da['approval.notice.unknownCase'],
    ]);
    const malformed: unknown[] = [
      { caseNumber, extra: true },
      { caseNumber: { $ne: null } },
      { caseNumber: 42 },
      {},
      null,
    ];
    for (const data of malformed) {
      const answer = await world.invoke('case.approve', data, 'approver-1');
      expect([answer.status, answer.body.value.message]).toEqual([
        400,
        da['approval.notice.malformed'],
      ]);
    }
    const unknownVerb = await world.invoke('case.delete', { caseNumber }, 'approver-1');
    expect(unknownVerb.status).toBe(400);
    const stored = await world.app.stores.cases.get(caseNumber as CaseNumber);
    expect(stored?.state).toBe('filed');
    const audit = await world.app.stores.audit.forCase(caseNumber);
    expect(audit.filter((e) => e.action === 'decision.refused')).toHaveLength(3);
  });

  it('refuses to approve a case whose institution is not in the directory', async () => {
    await world.channel('register', 'approver-1');
    const conversation = 'personal-staff-2';
    for (const text of [
      'ny unilogin',
      'ja',
      'ja',
      'ja',
      '010190-1234',
      '10150817',
      'Bo Berg',
      'bekræft',
    ]) {
      await world.say(conversation, text, 'staff-2');
    }
    const caseNumber = /UL-\d{4}-\d{5}/.exec(world.connector.textsTo(conversation).join(' '))![0];
    await until(() => postedCards().length === 1);
    expect(JSON.stringify(postedCards()[0])).toContain(da['approval.institutionUnknown']);
    const answer = await world.invoke('case.approve', { caseNumber }, 'approver-1');
    expect(JSON.stringify(answer.body.value)).toContain(da['approval.notice.institutionUnknown']);
    expect((await world.app.stores.cases.get(caseNumber as CaseNumber))?.state).toBe('filed');
  });
});

describeEachBackend('a side effect that can never succeed', (backend) => {
  let world: ApprovalWorld;
  beforeEach(async () => {
    world = await startApprovalWorld(backend.fresh());
    await world.channel('register', 'approver-1');
  });
  afterEach(() => world.close());

  it('records a notice Teams refuses with 404 on the case, logs it with the case, and afventende shows it', async () => {
    const caseNumber = await world.file();
    await world.settled(caseNumber);
    // The requester's chat is gone (the user removed the bot, say): Teams answers 404.
    world.connector.outage(
      (call) => call.path.startsWith('/v3/conversations/personal-staff-1/'),
      60_000,
      404,
    );
    await world.invoke('case.deny', { caseNumber, reason: 'Ikke kontaktperson' }, 'approver-1');
    await world.settled(caseNumber);
    const stored = await world.app.stores.cases.get(caseNumber);
    expect(stored?.failures.map((f) => f.job)).toEqual(['tellRequester']);
    expect(
      world.app.logs.some(
        (line) => line.includes('job cannot succeed') && line.includes(caseNumber),
      ),
    ).toBe(true);

    await world.channel('afventende', 'approver-1');
    const pending = world.connector.textsTo('19:support@thread.tacv2;messageid=1').at(-1) ?? '';
    expect(pending).toContain(caseNumber);
    expect(pending).toContain('Beskeden til den, der oprettede sagen, kunne ikke leveres');
  });
});
