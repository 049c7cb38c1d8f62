import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { startDevStack, type DevStack } from '../../dev/dev-stack';
import { catalogues } from '../../texts';
import { parseMail } from '../support/smtp-test-server';
import { until } from '../support/until';
import { launchBrowser, PlaygroundPage } from './playground-page';

// The Agents Playground sends every activity with locale en-US, so the bot answers in English.
const en = catalogues.en;
const CPR = '010190-1234';

async function freePort(): Promise<number> {
  const server = net.createServer().listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** The secure mails (file drop) of a case, decoded. */
function mailsOf(stack: DevStack, caseNumber: string): string[] {
  if (!fs.existsSync(stack.outboxDir)) return [];
  return fs
    .readdirSync(stack.outboxDir)
    .filter((f) => f.includes(caseNumber))
    .map((f) => parseMail(fs.readFileSync(path.join(stack.outboxDir, f), 'utf8')).text);
}

describe('the whole flow in a real Teams client (Agents Playground in Chromium)', () => {
  let stack: DevStack;
  let browser: Browser;
  let staff: PlaygroundPage;
  let approver: PlaygroundPage;
  const botLog: string[] = [];
  const passwords: string[] = [];

  beforeAll(async () => {
    stack = await startDevStack({
      botPort: await freePort(),
      staffPort: await freePort(),
      approverPort: await freePort(),
      dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'unilogin-e2e-')),
      onBotOutput: (line) => botLog.push(line),
    });
    browser = await launchBrowser();
    approver = await PlaygroundPage.open(browser, stack.approverUrl, 'approver');
    staff = await PlaygroundPage.open(browser, stack.staffUrl, 'staff');
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  /** Files a new-login case as the staff member; returns its case number. */
  async function fileNewLogin(recipient: string): Promise<string> {
    for (const answer of ['ny unilogin', 'ja', 'ja', 'ja', CPR, '13748136', recipient]) {
      await staff.send(answer);
    }
    await staff.sees(en['summary.title']);
    await staff.seesNew(/The case is filed as/, () => staff.click(en['summary.confirm']));
    const filed = (await staff.text()).match(/filed as (UL-\d{4}-\d{5})/g) ?? [];
    return filed.at(-1)!.replace('filed as ', '');
  }

  /** The approver opens the newest card's actions and clicks `button`. */
  async function decideNewest(caseNumber: string, button: string): Promise<void> {
    await approver.sees(caseNumber);
    // The card speaks the channel's language (Danish) for everyone, refreshed or not.
    await approver.click(catalogues.da['approval.showActions'], 'first');
    await approver.sees(catalogues.da['approval.approve']);
    await approver.click(button, 'first');
  }

  it('lets the approver register the support channel', async () => {
    await approver.openConversation(/Unilogin-godkendelser/);
    await approver.postMentioning('Unilogin', 'registrer');
    await approver.sees(en['channel.registered']);
    await approver.shot('channel-registered');
  });

  let firstCase = '';

  it('files a new-login case, with a message for each wrong answer', async () => {
    await staff.shot('welcome');
    for (const answer of ['ny unilogin', 'ja', 'ja', 'ja', '310290-1234']) await staff.send(answer);
    await staff.sees(en['problem.cpr.date']);
    await staff.shot('wrong-cpr-date');
    await staff.send(CPR);
    await staff.send('12345678');
    await staff.sees(en['problem.cvr.checksum']);
    await staff.shot('wrong-cvr-checksum');
    await staff.send('13748136');
    await staff.send('Åse Ørum-Jæger');
    await staff.sees('010190-****');
    await staff.shot('summary-card');
    // The staff member's own message holds the CPR; the bot's cards never repeat it.
    expect(await staff.cardTexts()).toEqual(
      expect.arrayContaining([expect.stringContaining('010190-****')]),
    );
    expect((await staff.cardTexts()).join('\n')).not.toContain(CPR);
    await staff.seesNew(/The case is filed as/, () => staff.click(en['summary.confirm']));
    firstCase = /filed as (UL-\d{4}-\d{5})/.exec(await staff.text())![1]!;
    await staff.sees(en['filed.aula']);
    // The summary card is replaced in place: it names the case and has no buttons any more.
    await staff.sees(new RegExp(`Filed as case ${firstCase}`));
    expect(await staff.count(en['summary.confirm'])).toBe(0);
    await staff.shot('case-filed');
  });

  it('shows the approval card in the channel with the CPR masked, and approves it', async () => {
    await approver.sees(firstCase);
    expect((await approver.cardTexts()).join('\n')).toContain('010190-****');
    expect(await approver.text()).not.toContain(CPR);
    await approver.shot('approval-card');
    await decideNewest(firstCase, catalogues.da['approval.approve']);
    await approver.sees(/Godkendt af Anders Godkender/);
    await approver.shot('approved');
  });

  it('delivers the secure mail and confirms to the staff member; status shows it closed', async () => {
    await until(() => mailsOf(stack, firstCase).length === 1, 30000);
    const mail = mailsOf(stack, firstCase)[0]!;
    expect(mail).toMatch(/Brugernavn: [a-z]{4}\d{4}/);
    passwords.push(/Adgangskode: (\S+)/.exec(mail)![1]!);
    expect(mail).toContain('Att.: Åse Ørum-Jæger');
    await staff.sees(
      new RegExp(`Case ${firstCase}: the secure mail .* was sent to Åse Ørum-Jæger`),
    );
    await staff.shot('mail-confirmed');
    await staff.seesNew(en['state.mail_sent'], () => staff.send(`status ${firstCase}`));
    await staff.shot('status-closed');
    await approver.sees(/Sikker mail sendt til Åse Ørum-Jæger/);
    await approver.shot('card-shows-mail-sent');
  });

  it('denies a case with a reason, and the staff member is told the reason', async () => {
    const caseNumber = await fileNewLogin('Bo Berg');
    await decideNewest(caseNumber, catalogues.da['approval.deny']);
    await approver.fill(/Begrundelse for afvisningen/, 'Borgeren er ikke kontaktperson');
    await approver.click(catalogues.da['approval.denySubmit'], 'first');
    await approver.sees(/Afvist af Anders Godkender/);
    await approver.shot('denied');
    await staff.sees(
      `Case ${caseNumber} was denied by STIL support. Reason: Borgeren er ikke kontaktperson`,
    );
    await staff.shot('told-denied');
    expect(mailsOf(stack, caseNumber)).toEqual([]);
  });

  it('files a forgotten login for a new password on the first case, and mails only a password', async () => {
    for (const answer of [
      'glemt login',
      firstCase,
      CPR,
      '13748136',
      'Åse Ørum-Jæger',
      'New password',
    ]) {
      await staff.send(answer);
    }
    await staff.sees(en['summary.title']);
    await staff.shot('forgotten-summary');
    await staff.seesNew(/The case is filed as/, () => staff.click(en['summary.confirm']));
    const all = (await staff.text()).match(/filed as (UL-\d{4}-\d{5})/g)!;
    const caseNumber = all.at(-1)!.replace('filed as ', '');
    await decideNewest(caseNumber, catalogues.da['approval.approve']);
    await until(() => mailsOf(stack, caseNumber).length === 1, 30000);
    const mail = mailsOf(stack, caseNumber)[0]!;
    expect(mail).not.toMatch(/Brugernavn:/);
    expect(mail).toContain(catalogues.da['mail.oldPasswordStops']);
    passwords.push(/Adgangskode: (\S+)/.exec(mail)![1]!);
    await staff.sees(new RegExp(`Case ${caseNumber}: the secure mail`));
    await staff.shot('forgotten-confirmed');
  });

  it('never wrote a CPR number or an issued password to the bot log', () => {
    const log = botLog.join('\n');
    expect(log.length).toBeGreaterThan(0);
    expect(passwords).toHaveLength(2);
    for (const cpr of ['0101901234', '010190-1234', '010190 1234', '3102901234', '310290-1234']) {
      expect(log).not.toContain(cpr);
    }
    for (const password of passwords) expect(log).not.toContain(password);
  });
});
