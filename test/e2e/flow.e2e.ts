import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Locator } from 'playwright-core';
import { startDevStack, type DevStack } from '../../dev/dev-stack';
import { text, type Language, type TextKey } from '../../texts';
import { parseMail } from '../support/smtp-test-server';
import { until } from '../support/until';
import { launchBrowser, PlaygroundPage, type Message } from './playground-page';

// The stack's relay gives every activity the locale da-DK, as a Danish Teams client does, so
// the bot speaks Danish unless the user chooses English.
const CPR = '010190-1234';
const CASE_NUMBER = 'UL-\\d{4}-\\d{5}';
const APPROVER = 'Anders Godkender';

/** A catalogue text as the client shows it: no markdown stars, entities decoded, one-spaced. */
function shown(raw: string): string {
  return raw
    .replace(/\*\*/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}

/** A text of the catalogue as shown. */
function t(language: Language, key: TextKey, values: Record<string, string> = {}): string {
  return shown(text(language, key, values));
}

/** The first line of a text as shown. */
const firstLine = (language: Language, key: TextKey) => shown(text(language, key).split('\n')[0]!);

/** A Danish text as shown. */
const da = (key: TextKey, values: Record<string, string> = {}) => t('da', key, values);

/**
 * A text with its open placeholders as a pattern: `{caseNumber}` captures a case number, any
 * other placeholder left open matches anything.
 */
function pattern(language: Language, key: TextKey, values: Record<string, string> = {}): RegExp {
  const parts = shown(text(language, key, values)).split(/(\{\w+\})/);
  return new RegExp(
    parts
      .map((part, i) =>
        i % 2 === 0
          ? part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
          : part === '{caseNumber}'
            ? `(${CASE_NUMBER})`
            : '.*?',
      )
      .join(''),
  );
}

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

/** The visible text of a message, one-spaced. */
async function textOf(message: Message): Promise<string> {
  return shown(await message.locator.innerText());
}

/** The case number a filed message names. */
async function caseNumberIn(message: Message, language: Language): Promise<string> {
  return pattern(language, 'filed.caseNumber').exec(await textOf(message))![1]!;
}

/** Every line of the help text shows as written, `<placeholder>` included (no entity). */
async function expectHelp(message: Message, language: Language, placeholder: string) {
  const visible = await textOf(message);
  for (const line of text(language, 'help.text').split('\n')) {
    const item = shown(line.replace(/^- /, ''));
    if (item) expect(visible).toContain(item);
  }
  expect(visible).toContain(`status <${placeholder}>`);
  expect(visible).not.toMatch(/&lt;|&gt;|&amp;/);
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
      locale: 'da-DK',
      // The digest is shown at the end, once cases wait (see the last test).
      botEnv: { REMINDER_TIME: 'off' },
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

  /** Answers the gate and the questions of a new login in `language`, up to the summary card. */
  async function answerNewLogin(
    language: Language,
    words: { start: string; yes: string },
    recipient: string,
    wrongAnswers = false,
    cpr = CPR,
  ): Promise<Message> {
    const l = (key: TextKey) => t(language, key);
    await staff.say(words.start, l('eligibility.contactPerson'));
    await staff.say(words.yes, l('eligibility.registered'));
    await staff.say(words.yes, l('eligibility.triedMitId'));
    await staff.say(words.yes, l('ask.cpr'));
    if (wrongAnswers) {
      // A wrong answer gets its own message, then the question again.
      await staff.say('310290-1234', [l('problem.cpr.date'), l('ask.cpr')]);
      await staff.shot('wrong-cpr-date');
    }
    await staff.say(cpr, l('ask.cvr'));
    if (wrongAnswers) {
      await staff.say('12345678', [l('problem.cvr.checksum'), l('ask.cvr')]);
      await staff.shot('wrong-cvr-checksum');
    }
    await staff.say('13748136', l('ask.recipient'));
    return staff.say(recipient, l('summary.title'));
  }

  /** Presses Confirm on a summary card; returns the filed message and its case number. */
  async function confirm(
    summary: Message,
    language: Language,
  ): Promise<{ filed: Message; caseNumber: string }> {
    const button = summary.locator.getByRole('button', { name: t(language, 'summary.confirm') });
    const filed = await staff.replyTo(() => button.click(), pattern(language, 'filed.caseNumber'));
    return { filed, caseNumber: await caseNumberIn(filed, language) };
  }

  /**
   * The summary card was replaced in place: the same message now names the case and has none
   * of the summary's buttons.
   */
  async function expectSummaryReplaced(
    summary: Message,
    language: Language,
    kind: 'new' | 'forgotten',
    caseNumber: string,
  ): Promise<void> {
    const filedAs = t(language, 'summary.filedAs', { caseNumber });
    const replaced = await staff.newMessage(summary.index, filedAs);
    expect(replaced.index).toBe(summary.index);
    const card = replaced.locator.locator('.ac-adaptiveCard');
    await expect(card.innerText().then(shown)).resolves.toBe(
      `${t(language, `kind.${kind}`)} ${filedAs}`,
    );
    for (const key of ['summary.confirm', 'summary.edit', 'summary.cancel'] as const) {
      expect(await card.getByRole('button', { name: t(language, key) }).count()).toBe(0);
    }
    expect(await card.getByRole('button').count()).toBe(0);
    expect(await card.locator('.ac-pushButton').count()).toBe(0);
    expect(await staff.count(t(language, 'summary.title'))).toBe(0);
  }

  /** A case's card in the support channel (Danish for everyone). */
  function approvalCard(caseNumber: string): Locator {
    return approver.page
      .locator('.ac-adaptiveCard')
      .filter({ hasText: da('approval.title', { caseNumber }) })
      .first();
  }

  /** The approver opens the case's actions and clicks `button` (a Danish text key). */
  async function decide(caseNumber: string, button: TextKey): Promise<void> {
    const card = approvalCard(caseNumber);
    await card.waitFor({ timeout: 60000 });
    await card.getByRole('button', { name: da('approval.showActions') }).click();
    await card.getByRole('button', { name: da(button), exact: true }).click();
  }

  /** Files a new-login case in Danish as the staff member; returns its case number. */
  async function fileNewLogin(recipient: string, cpr: string): Promise<string> {
    const yes = { start: 'ny unilogin', yes: 'ja' };
    const summary = await answerNewLogin('da', yes, recipient, false, cpr);
    return (await confirm(summary, 'da')).caseNumber;
  }

  describe('in Danish (a Danish Teams client)', () => {
    it('lets the approver register the support channel', async () => {
      await approver.openConversation(/Unilogin-godkendelser/);
      await approver.postMentioning('Unilogin', 'registrer');
      // A channel post is a thread (a group); the bot answers inside the thread of this post.
      await approver.page
        .getByRole('group')
        .filter({ has: approver.page.getByText('registrer', { exact: true }) })
        .getByText(da('channel.registered'))
        .waitFor({ timeout: 60000 });
      await approver.shot('channel-registered');
    });

    it('welcomes the staff member and shows the help with its <sagsnummer> placeholder', async () => {
      await staff.newMessage(0, da('welcome.title'));
      await staff.shot('welcome');
      // The bot writes `status &lt;sagsnummer&gt;` so that the client shows `<sagsnummer>`.
      const help = await staff.say('hjælp', firstLine('da', 'help.text'));
      await expectHelp(help, 'da', 'sagsnummer');
      await staff.shot('help');
    });

    let firstCase = '';

    it('files a new-login case, with a message for each wrong answer', async () => {
      const summary = await answerNewLogin(
        'da',
        { start: 'ny unilogin', yes: 'ja' },
        'Åse Ørum-Jæger',
        true,
      );
      // The staff member's own message holds the CPR; the bot's cards never repeat it.
      expect(await summary.locator.locator('.ac-adaptiveCard').innerText()).toContain(
        '010190-****',
      );
      expect((await staff.cardTexts()).join('\n')).not.toContain(CPR);
      await staff.shot('summary-card');
      const { filed, caseNumber } = await confirm(summary, 'da');
      firstCase = caseNumber;
      expect(await textOf(filed)).toContain(da('filed.aula'));
      await expectSummaryReplaced(summary, 'da', 'new', firstCase);
      await staff.shot('case-filed');
    });

    it('shows the approval card in the channel with the CPR masked, and approves it', async () => {
      const card = approvalCard(firstCase);
      await card.waitFor({ timeout: 60000 });
      expect(await card.innerText()).toContain('010190-****');
      expect(await approver.text()).not.toContain(CPR);
      await approver.shot('approval-card');
      await decide(firstCase, 'approval.approve');
      await card
        .getByText(pattern('da', 'approval.decided.approved', { name: APPROVER }))
        .waitFor({ timeout: 60000 });
      await approver.shot('approved');
    });

    it('delivers the secure mail and confirms to the staff member; status shows it closed', async () => {
      await until(() => mailsOf(stack, firstCase).length === 1, 30000);
      const mail = mailsOf(stack, firstCase)[0]!;
      expect(mail).toMatch(/Brugernavn: [a-z]{4}\d{4}/);
      passwords.push(/Adgangskode: (\S+)/.exec(mail)![1]!);
      expect(mail).toContain('Att.: Åse Ørum-Jæger');
      await staff.newMessage(
        0,
        pattern('da', 'requester.mailSent', { caseNumber: firstCase, recipient: 'Åse Ørum-Jæger' }),
      );
      await staff.shot('mail-confirmed');
      const myCases = await staff.say('mine sager', da('myCases.title'));
      expect(await textOf(myCases)).toContain(firstCase);
      expect(await textOf(myCases)).toContain(da('state.mail_sent'));
      await staff.shot('my-cases');
      const status = await staff.say(
        `status ${firstCase}`,
        da('status.title', { caseNumber: firstCase }),
      );
      expect(await textOf(status)).toContain(da('state.mail_sent'));
      await staff.shot('status-closed');
      await approvalCard(firstCase)
        .getByText(pattern('da', 'approval.mailSent', { recipient: 'Åse Ørum-Jæger' }))
        .waitFor({ timeout: 60000 });
      await approver.shot('card-shows-mail-sent');
    });

    let secondCase = '';

    it('warns before a second new login for the same CPR, and files it with a stated reason', async () => {
      await staff.say('ny unilogin', da('eligibility.contactPerson'));
      await staff.say('ja', da('eligibility.registered'));
      await staff.say('ja', da('eligibility.triedMitId'));
      await staff.say('ja', da('ask.cpr'));
      await staff.say(CPR, da('ask.cvr'));
      const warning = await staff.say('13748136', da('duplicate.title'));
      const visible = await textOf(warning);
      expect(visible).toContain(firstCase);
      expect(visible).toContain(da('duplicate.forgotten', { caseNumber: firstCase }));
      await staff.shot('duplicate-warning');
      await staff.say(
        'Det første login blev udstedt til den forkerte kontaktperson i familien',
        da('ask.recipient'),
      );
      const summary = await staff.say('Åse Ørum-Jæger', da('summary.title'));
      expect(await textOf(summary)).toContain(da('summary.duplicateReason'));
      secondCase = (await confirm(summary, 'da')).caseNumber;
    });

    it('shows the earlier case on the approval card, asks the staff member, and approves the answered case', async () => {
      const card = approvalCard(secondCase);
      await card.waitFor({ timeout: 60000 });
      await card.getByText(da('approval.earlierCases')).waitFor({ timeout: 60000 });
      expect(await card.innerText()).toContain(firstCase);
      await approver.shot('approval-card-earlier-cases');

      await card.getByRole('button', { name: da('approval.showActions') }).click();
      await card.getByRole('button', { name: da('approval.ask'), exact: true }).click();
      await card
        .getByRole('textbox', { name: da('approval.askQuestion') })
        .fill('Hvem er den forkerte kontaktperson, og skal det første login lukkes?');
      await card.getByRole('button', { name: da('approval.askSubmit') }).click();
      await card.getByText(da('approval.waitingForAnswer')).waitFor({ timeout: 60000 });
      expect(await card.getByRole('button', { name: da('approval.approve') }).count()).toBe(0);
      await approver.shot('question-asked');

      const question = await staff.newMessage(0, da('question.title', { caseNumber: secondCase }));
      expect(await textOf(question)).toContain('skal det første login lukkes?');
      await staff.shot('question-in-staff-chat');
      await question.locator
        .getByRole('textbox', { name: da('question.answerLabel') })
        .fill('Det var barnets moster; det første login skal lukkes.');
      await staff.replyTo(
        () => question.locator.getByRole('button', { name: da('question.send') }).click(),
        da('answer.sent', { caseNumber: secondCase }),
      );
      await staff.shot('answer-sent');

      await card
        .getByText(pattern('da', 'approval.answer', { answer: 'Det var barnets moster' }))
        .waitFor({ timeout: 60000 });
      await approver.shot('answer-on-card');
      await decide(secondCase, 'approval.approve');
      await until(() => mailsOf(stack, secondCase).length === 1, 30000);
      passwords.push(/Adgangskode: (\S+)/.exec(mailsOf(stack, secondCase)[0]!)![1]!);
      await staff.newMessage(0, pattern('da', 'requester.mailSent', { caseNumber: secondCase }));
    });

    it('denies a case with a reason, and the staff member is told the reason', async () => {
      const caseNumber = await fileNewLogin('Bo Berg', '020292-2345');
      await decide(caseNumber, 'approval.deny');
      const card = approvalCard(caseNumber);
      await card
        .getByRole('textbox', { name: da('approval.denyReason') })
        .fill('Borgeren er ikke kontaktperson');
      await card.getByRole('button', { name: da('approval.denySubmit') }).click();
      await card
        .getByText(pattern('da', 'approval.decided.denied', { name: APPROVER }))
        .waitFor({ timeout: 60000 });
      await approver.shot('denied');
      await staff.newMessage(
        0,
        da('requester.denied', { caseNumber, reason: 'Borgeren er ikke kontaktperson' }),
      );
      await staff.shot('told-denied');
      expect(mailsOf(stack, caseNumber)).toEqual([]);
    });

    it('files a forgotten login for a new password on the first case, and mails only a password', async () => {
      await staff.say('glemt login', da('ask.earlierCaseNumber'));
      await staff.say(firstCase, da('ask.cpr'));
      await staff.say(CPR, da('ask.cvr'));
      await staff.say('13748136', da('ask.recipient'));
      await staff.say('Åse Ørum-Jæger', da('ask.requested'));
      const summary = await staff.say('Ny adgangskode', da('summary.title'));
      await staff.shot('forgotten-summary');
      const { filed, caseNumber } = await confirm(summary, 'da');
      expect(await textOf(filed)).toContain(da('filed.processing.password'));
      await expectSummaryReplaced(summary, 'da', 'forgotten', caseNumber);
      await decide(caseNumber, 'approval.approve');
      await until(() => mailsOf(stack, caseNumber).length === 1, 30000);
      const mail = mailsOf(stack, caseNumber)[0]!;
      expect(mail).not.toMatch(/Brugernavn:/);
      expect(mail).toContain(text('da', 'mail.oldPasswordStops'));
      passwords.push(/Adgangskode: (\S+)/.exec(mail)![1]!);
      await staff.newMessage(0, pattern('da', 'requester.mailSent', { caseNumber }));
      await staff.shot('forgotten-confirmed');
    });
  });

  describe('in English (the staff member chose English)', () => {
    it('switches to English, and the help is English', async () => {
      await staff.say('language english', t('en', 'language.chosen'));
      const help = await staff.say('help', firstLine('en', 'help.text'));
      await expectHelp(help, 'en', 'case number');
      await staff.shot('en-help');
    });

    it('files a new-login case in English', async () => {
      const summary = await answerNewLogin(
        'en',
        { start: 'new login', yes: 'yes' },
        'Carl Carlsen',
        false,
        '030393-3456',
      );
      await staff.shot('en-summary-card');
      const { filed, caseNumber } = await confirm(summary, 'en');
      const visible = await textOf(filed);
      expect(visible).toContain(t('en', 'filed.processing.new'));
      expect(visible).toContain(t('en', 'filed.aula'));
      await expectSummaryReplaced(summary, 'en', 'new', caseNumber);
      await staff.shot('en-case-filed');
    });
  });

  it('posts the daily digest of waiting cases in the channel', async () => {
    // The English case still waits. The bot starts again with the digest due since midnight and
    // a wait of 0 hours, so that it posts the day's digest at once.
    await stack.restartBot({
      REMINDER_TIME: '00:00',
      REMINDER_AFTER_HOURS: '0',
      DIGEST_CHECK_MS: '500',
    });
    const digest = approver.page
      .locator('.ac-adaptiveCard')
      .filter({ hasText: pattern('da', 'digest.title') })
      .first();
    await digest.waitFor({ timeout: 60000 });
    expect(await digest.innerText()).toMatch(pattern('da', 'digest.filed'));
    await approver.shot('daily-digest');
  });

  it('never wrote a CPR number or an issued password to the bot log', () => {
    const log = botLog.join('\n');
    expect(log.length).toBeGreaterThan(0);
    expect(passwords).toHaveLength(3);
    for (const cpr of [
      '0101901234',
      '010190-1234',
      '010190 1234',
      '3102901234',
      '310290-1234',
      '020292-2345',
    ]) {
      expect(log).not.toContain(cpr);
    }
    for (const password of passwords) expect(log).not.toContain(password);
  });
});
