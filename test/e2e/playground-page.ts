import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';

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

/** A message's header; a message with an author in it is the bot's (or a channel post). */
const HEADER = '[aria-label="Message header"]';
const AUTHOR = '[aria-label="Message author"]';

/** What a message should contain: a text (whitespace collapsed) or a pattern. */
export type Expected = string | RegExp;

/** A message found in the open conversation: its position and its element. */
export interface Message {
  index: number;
  locator: Locator;
}

interface Wanted {
  header: string;
  author: string;
  before: number;
  text?: string;
  source?: string;
  flags?: string;
}

/** The little of the page's DOM these functions use (the project has no DOM types). */
interface PageElement {
  querySelector(selector: string): PageElement | null;
  parentElement: PageElement | null;
  innerText: string;
}
type InPage = typeof globalThis & {
  document: { querySelectorAll(selector: string): ArrayLike<PageElement> };
};

/** In the page: how many authored messages there are. */
function authoredCount({ header, author }: { header: string; author: string }): number {
  const { document } = globalThis as InPage;
  return Array.from(document.querySelectorAll(header)).filter((h) => h.querySelector(author))
    .length;
}

/** In the page: 1 + the index of the first authored message from `before` on that matches. */
function findMessage(wanted: Wanted): number | false {
  const { document } = globalThis as InPage;
  const messages = Array.from(document.querySelectorAll(wanted.header))
    .filter((h) => h.querySelector(wanted.author))
    .map((h) => h.parentElement!);
  const pattern = wanted.source === undefined ? undefined : new RegExp(wanted.source, wanted.flags);
  for (let i = wanted.before; i < messages.length; i += 1) {
    const shown = messages[i]!.innerText.replace(/\s+/g, ' ');
    if (pattern ? pattern.test(shown) : shown.includes(wanted.text!)) return i + 1;
  }
  return false;
}

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

  /** The bot's messages in the open personal or group chat (a channel's threads look otherwise). */
  messages(): Locator {
    return this.page.locator(`${HEADER}:has(${AUTHOR})`).locator('xpath=..');
  }

  /** How many of the bot's messages the open chat shows. */
  messageCount(): Promise<number> {
    return this.page.evaluate(authoredCount, { header: HEADER, author: AUTHOR });
  }

  /**
   * Does `action`, then waits for the step's own new message: one that was not on the page
   * before and whose text contains `expected` (whitespace collapsed). Returns that message.
   */
  async replyTo(
    action: () => Promise<void>,
    expected: Expected | Expected[],
    timeout = 60000,
  ): Promise<Message> {
    const before = await this.messageCount();
    await action();
    let found: Message | undefined;
    // Several expected messages come in this order, each after the one before.
    for (const each of Array.isArray(expected) ? expected : [expected]) {
      found = await this.newMessage(found ? found.index + 1 : before, each, timeout);
    }
    return found!;
  }

  /** Sends `text` and waits for the bot's new message(s) containing `expected`. */
  say(text: string, expected: Expected | Expected[], timeout = 60000): Promise<Message> {
    return this.replyTo(() => this.send(text), expected, timeout);
  }

  /**
   * Waits for a message at index `before` or later that contains `expected` (for a message
   * that may be there already, pass 0); returns it.
   */
  async newMessage(before: number, expected: Expected, timeout = 60000): Promise<Message> {
    const wanted =
      typeof expected === 'string'
        ? { text: expected.replace(/\s+/g, ' ').trim() }
        : { source: expected.source, flags: expected.flags };
    try {
      const index = await this.page.waitForFunction(
        findMessage,
        {
          header: HEADER,
          author: AUTHOR,
          before,
          ...wanted,
        },
        { timeout },
      );
      const at = ((await index.jsonValue()) as number) - 1;
      return { index: at, locator: this.messages().nth(at) };
    } catch (error) {
      throw new Error(`${this.who} saw no new message with ${String(expected)}: ${String(error)}`);
    }
  }

  /** How many times `text` shows in the messages. */
  count(text: string | RegExp): Promise<number> {
    return this.messages().getByText(text).count();
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
