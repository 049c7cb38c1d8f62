import { personalMessage, post } from '../test/support/activities';
import { filingAnswers } from '../test/support/filing-answers';
import { cpuSeconds, timedPool } from './stats';

/** A bot process the bench talks to. */
export interface Target {
  port: number;
  pid: number;
}

/** What one batch of load cost and how long its turns took. */
export interface Batch {
  /** Duration of each turn, in ms. */
  turnMs: number[];
  seconds: number;
  /** CPU seconds the bot process used meanwhile. */
  cpu: number;
}

/** What one filing types (each filing gets a person of its own: see `filings`). */
export const FILING = filingAnswers();

/** `count` conversation names: `tag-0`, `tag-1`, … */
export function names(tag: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => `${tag}-${i}`);
}

async function measured(target: Target, run: () => Promise<number[]>): Promise<Batch> {
  const cpu0 = cpuSeconds(target.pid);
  const start = performance.now();
  const turnMs = await run();
  return {
    turnMs,
    seconds: (performance.now() - start) / 1000,
    cpu: cpuSeconds(target.pid) - cpu0,
  };
}

/** `count` one-turn conversations' worth of echo messages over `concurrency` conversations. */
export function echoTurns(
  echo: Target,
  serviceUrl: string,
  count: number,
  concurrency: number,
): Promise<Batch> {
  const turns = Array.from({ length: count }, (_, i) => i);
  return measured(echo, () =>
    timedPool(turns, concurrency, async (i) => {
      await post(echo.port, personalMessage(serviceUrl, `echo-${i % concurrency}`, `hello ${i}`));
    }),
  );
}

/** Files a new-login case in each named conversation, `concurrency` at a time. */
export async function filings(
  bot: Target,
  serviceUrl: string,
  names: string[],
  concurrency: number,
): Promise<Batch> {
  return measured(bot, async () => {
    const turnMs: number[] = [];
    await timedPool(names, concurrency, async (conversation) => {
      // A CPR of its own: one CPR filed twice would stop at the duplicate guard's warning.
      for (const text of filingAnswers()) {
        const t0 = performance.now();
        await post(
          bot.port,
          personalMessage(serviceUrl, conversation, text, { userId: conversation }),
        );
        turnMs.push(performance.now() - t0);
      }
    });
    return turnMs;
  });
}
