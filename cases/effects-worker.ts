import { randomUUID } from 'node:crypto';
import debounce from 'lodash.debounce';
import type { JobKind } from './case';
import type { Job } from './effects';
import type { JobQueue } from './ports';

/** How a job run ended. A handler that throws is retried, as for `retry`. */
export type JobOutcome =
  | { outcome: 'done' }
  /** Try again later: after `afterMs`, or after the usual backoff. */
  | { outcome: 'retry'; reason: string; afterMs?: number }
  /** It cannot succeed (the conversation is gone, say): record it on the case, stop trying. */
  | { outcome: 'failed'; reason: string };

/** The handler of each kind of job. Each must be safe to run twice: a lease can run out. */
export type JobHandlers = {
  [K in JobKind]: (job: Extract<Job, { kind: K }>) => Promise<JobOutcome>;
};

/** Where the worker reports; every line names the job and its case. */
export interface WorkerLog {
  debug(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
  error(fields: Record<string, unknown>, message: string): void;
  /** A log whose every line carries `bindings` (pino's child loggers). */
  child?(bindings: Record<string, unknown>): WorkerLog;
}

/** One job run as the worker saw it, for an observer (the bot's metrics). */
export interface JobRun {
  kind: JobKind;
  outcome: JobOutcome['outcome'];
  durationMs: number;
}

/** How the worker runs. */
export interface EffectsWorkerOptions {
  /** How often to look for due jobs that other instances queued. */
  pollMs: number;
  /** How long a claimed job is held before another worker may take it over. */
  leaseMs: number;
  now(): Date;
  /** Told of every job run, once its outcome is stored. */
  observe?(run: JobRun): void;
}

/** How many jobs one worker runs at once. */
const CONCURRENCY = 8;
/** The first retry waits this long; each later one twice as long, up to the maximum. */
const FIRST_BACKOFF_MS = 1000;
export const MAX_BACKOFF_MS = 5 * 60_000;
/** How long kickSoon waits for a pause in approvals, and for how long at most. */
const KICK_QUIET_MS = 100;
const KICK_MAX_WAIT_MS = 1000;

/** The wait before a job's next attempt, after `attempts` tries, with ±20% jitter. */
export function backoffMs(attempts: number, random = Math.random): number {
  const base = Math.min(MAX_BACKOFF_MS, FIRST_BACKOFF_MS * 2 ** Math.min(attempts - 1, 20));
  return Math.round(base * (0.8 + 0.4 * random()));
}

/**
 * Runs the durable jobs of all cases: claims each due job with a lease (so one worker runs
 * it), runs its handler, then completes it, schedules a retry with exponential backoff, or
 * records it on its case as failed. Every instance of the bot may run one.
 */
export class EffectsWorker {
  private timer?: NodeJS.Timeout;
  /** A pause of KICK_QUIET_MS in the asks, or KICK_MAX_WAIT_MS since the first, kicks once. */
  private readonly soon = debounce(() => void this.kick(), KICK_QUIET_MS, {
    maxWait: KICK_MAX_WAIT_MS,
  });
  private running?: Promise<number>;
  private again = false;
  private stopped = false;

  constructor(
    private readonly jobs: JobQueue,
    private readonly handlers: JobHandlers,
    private readonly log: WorkerLog,
    private readonly options: EffectsWorkerOptions,
  ) {}

  /** Starts polling for due jobs. */
  start(): void {
    this.timer = setInterval(() => void this.kick(), this.options.pollMs);
    void this.kick();
  }

  /** Looks for due jobs now; never runs two passes at once (a second ask runs one more). */
  kick(): Promise<number> {
    if (this.stopped) return Promise.resolve(0);
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.runDue().finally(() => {
      this.running = undefined;
      if (this.again) {
        this.again = false;
        void this.kick();
      }
    });
    return this.running;
  }

  /**
   * Looks for due jobs once approvals have paused for a moment (at most a second after the
   * first): a burst of clicks is answered first and its mail sent in one pass.
   */
  kickSoon(): void {
    if (this.stopped) return;
    this.soon();
  }

  /** Stops polling and waits for the pass in flight. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    this.soon.cancel();
    await this.running;
  }

  /** Runs every job due now, a few at a time; resolves with how many it ran. */
  async runDue(): Promise<number> {
    let ran = 0;
    try {
      const due = await this.jobs.due(this.options.now().toISOString(), 64);
      const lanes = Array.from({ length: CONCURRENCY }, async () => {
        for (let next = due.shift(); next; next = due.shift()) {
          if (await this.runOne(next)) ran++;
        }
      });
      await Promise.all(lanes);
    } catch (error) {
      this.log.error({ err: error }, 'looking for due jobs failed');
    }
    return ran;
  }

  /** Claims and runs one job; false when another worker had it first. */
  private async runOne(candidate: Job): Promise<boolean> {
    const now = this.options.now();
    const leaseUntil = new Date(now.getTime() + this.options.leaseMs).toISOString();
    const lease = randomUUID();
    const job = await this.jobs.claim({ ...candidate, lease }, now.toISOString(), leaseUntil);
    if (!job) return false;
    const where = { route: `job.${job.kind}`, jobId: job.id, caseNumber: job.caseNumber };
    const log = this.log.child?.(where) ?? withFields(this.log, where);
    const started = Date.now();
    let outcome: JobOutcome;
    try {
      const handler = this.handlers[job.kind] as (job: Job) => Promise<JobOutcome>;
      outcome = await handler(job);
    } catch (error) {
      outcome = { outcome: 'retry', reason: reasonOf(error) };
    }
    const durationMs = Date.now() - started;
    switch (outcome.outcome) {
      case 'done':
        await this.jobs.complete(job);
        log.debug({ job: job.kind, durationMs }, 'job done');
        break;
      case 'retry': {
        const wait = outcome.afterMs ?? backoffMs(job.attempts);
        const at = new Date(this.options.now().getTime() + wait).toISOString();
        await this.jobs.retry(job, at, outcome.reason.slice(0, 300));
        const fields = { job: job.kind, attempts: job.attempts, retryInMs: wait };
        log.warn(
          { ...fields, reason: outcome.reason, durationMs },
          `job failed, will retry: ${job.kind} of case ${job.caseNumber}`,
        );
        break;
      }
      case 'failed': {
        const failure = {
          job: job.kind,
          at: this.options.now().toISOString(),
          reason: outcome.reason.slice(0, 300),
        };
        await this.jobs.fail(job, failure);
        log.error(
          { job: job.kind, reason: outcome.reason, durationMs },
          `job cannot succeed: ${job.kind} of case ${job.caseNumber}`,
        );
        break;
      }
    }
    this.options.observe?.({ kind: job.kind, outcome: outcome.outcome, durationMs });
    return true;
  }
}

/** A log without child loggers, adding `fields` to each line by hand. */
function withFields(log: WorkerLog, fields: Record<string, unknown>): WorkerLog {
  return {
    debug: (more, message) => log.debug({ ...fields, ...more }, message),
    warn: (more, message) => log.warn({ ...fields, ...more }, message),
    error: (more, message) => log.error({ ...fields, ...more }, message),
  };
}

/** A short reason for a failed run, fit for the job record and the log. */
function reasonOf(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`.slice(0, 300);
  return String(error).slice(0, 300);
}
