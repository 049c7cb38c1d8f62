import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

/** Debian's Chromium; a test tool never downloads a browser of its own here. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SHOTS = path.resolve(__dirname, '../../test-results/e2e');

/** Starts headless Chromium with the flags this closed network needs. */
export async function launchBrowser(): Promise<Browser> {
  fs.rmSync(SHOTS, { recursive: true, force: true });
  fs.mkdirSync(SHOTS, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE localhost',
    ],
  });
}

let shotNumber = 0;

/** One person's Teams client: an Agents Playground page. */
export class PlaygroundPage {
  private constructor(
    readonly page: Page,
    private readonly who: string,
  ) {}

  static async open(browser: Browser, url: string, who: string): Promise<PlaygroundPage> {
    const page = await browser.newPage({ viewport: { width: 1300, height: 1100 } });
    await page.goto(url);
    await page.getByText('Connected.', { exact: true }).waitFor({ timeout: 60000 });
    return new PlaygroundPage(page, who);
  }

  /** Saves a numbered screenshot of this step under test-results/e2e. */
  async shot(step: string): Promise<void> {
    shotNumber += 1;
    const name = `${String(shotNumber).padStart(2, '0')}-${this.who}-${step}.png`;
    await this.page.screenshot({ path: path.join(SHOTS, name) });
  }

  async openConversation(name: RegExp): Promise<void> {
    await this.page.getByRole('treeitem', { name }).click();
  }

  /** Types a message in the chat and sends it. */
  async send(text: string): Promise<void> {
    await this.page.getByRole('textbox').last().click();
    await this.page.keyboard.type(text);
    await this.page.getByRole('button', { name: 'Send Message' }).click();
  }

  /** Starts a channel post that @mentions the bot. */
  async postMentioning(bot: string, text: string): Promise<void> {
    await this.page.getByRole('textbox').first().click();
    await this.page.keyboard.type(`@${bot.slice(0, 3)}`);
    await this.page.getByRole('menuitem', { name: new RegExp(bot) }).click();
    await this.page.keyboard.type(` ${text}`);
    await this.page.getByRole('button', { name: 'Post' }).click();
  }

  /** Waits until `text` shows (the newest occurrence); a busy 2-core machine may take a while. */
  async sees(text: string | RegExp, timeout = 60000): Promise<void> {
    await this.page.getByText(text).last().waitFor({ timeout });
  }

  /**
   * Does `action`, then waits until `text` shows once more than it did before: the step's own
   * new message, never an earlier one that happens to match.
   */
  async seesNew(
    text: string | RegExp,
    action: () => Promise<void>,
    timeout = 60000,
  ): Promise<void> {
    const before = await this.count(text);
    await action();
    const deadline = Date.now() + timeout;
    while ((await this.count(text)) <= before) {
      if (Date.now() > deadline) throw new Error(`${this.who} did not see a new ${String(text)}`);
      await this.page.waitForTimeout(100);
    }
  }

  /** How many times `text` shows. */
  count(text: string | RegExp): Promise<number> {
    return this.page.getByText(text).count();
  }

  async click(button: string | RegExp, which: 'first' | 'last' = 'last'): Promise<void> {
    const buttons = this.page.getByRole('button', { name: button });
    await (which === 'first' ? buttons.first() : buttons.last()).click();
  }

  async fill(label: RegExp, text: string): Promise<void> {
    await this.page.getByRole('textbox', { name: label }).first().fill(text);
  }

  /** The texts of the Adaptive Cards on the page. */
  cardTexts(): Promise<string[]> {
    return this.page.locator('.ac-adaptiveCard').allInnerTexts();
  }

  /** All text on the page. */
  text(): Promise<string> {
    return this.page.locator('body').innerText();
  }
}
