import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { digestCard } from '../cards/digest-card';
import { runDailyDigest, type WaitingCase } from '../cases/daily-digest';
import type { Stores } from '../storage';
import { runPeriodically } from './periodic-task';
import { SUPPORT_LANGUAGE, threadUrl, type SupportChannel } from './support-channel';

/** What the digest needs from the bot. */
export interface DailyDigestDeps {
  stores: Pick<Stores, 'cases' | 'digests'>;
  support: SupportChannel;
  logger: Logger;
  now: () => Date;
  reminderTime: string;
  afterHours: number;
  checkMs: number;
}

/**
 * Looks every `checkMs` whether today's digest is due. Each instance with a worker looks; the
 * day's marker decides which one posts (`cases/daily-digest.ts`).
 */
export function startDailyDigest(deps: DailyDigestDeps): { stop(): Promise<void> } {
  const post = async (waiting: WaitingCase[], day: string) => {
    const channel = await deps.support.channel();
    if (!channel) throw new Error('no support channel is registered');
    const entries = waiting.map(({ caseNumber, state, hours, thread }) => ({
      caseNumber,
      state,
      hours,
      ...(thread ? { threadUrl: threadUrl(thread, channel) } : {}),
    }));
    await deps.support.postThread(digestCard({ day, entries }, SUPPORT_LANGUAGE), channel);
  };
  const digest = {
    markers: deps.stores.digests,
    cases: deps.stores.cases,
    reminderTime: deps.reminderTime,
    afterHours: deps.afterHours,
    post,
  };
  return runPeriodically(
    async (at) => {
      const run = await runDailyDigest(digest, at, randomUUID());
      if (run.outcome === 'posted' || run.outcome === 'nothingWaits') {
        deps.logger.info({ ...run, route: 'digest' }, 'daily digest');
      } else if (run.outcome === 'taken') {
        deps.logger.debug({ ...run, route: 'digest' }, 'daily digest taken already');
      }
    },
    {
      intervalMs: deps.checkMs,
      now: deps.now,
      // The claim runs out, and this or another instance posts the digest then.
      onError: (err) => deps.logger.warn({ err, route: 'digest' }, 'daily digest not posted'),
    },
  );
}
