import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { caseStates, jobKinds, type JobKind } from '../cases/case';
import type { CaseStore, JobQueue } from '../cases/ports';
import { cachedFor } from './cached';

/** The kinds of refused action an operator watches: probes, lockouts and limits. */
export const refusalKinds = [
  'notAnApprover',
  'fourEyes',
  'oracleLockout',
  'tenant',
  'rateLimit',
] as const;
export type RefusalKind = (typeof refusalKinds)[number];

/** Where the gauges are read from when Prometheus scrapes. */
export interface MetricsSources {
  cases: Pick<CaseStore, 'countByState'>;
  jobs: Pick<JobQueue, 'stats'>;
  now(): Date;
  /** How long a read of the stores answers scrapes. */
  cacheMs?: number;
}

/** How long one read of the stores answers scrapes, unless told otherwise. */
export const STORE_READ_CACHE_MS = 5000;
const SECONDS_BUCKETS = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

/**
 * The bot's Prometheus series, on a registry of its own (one per app, so that several apps
 * run in one process). Counters are fed by the bot as things happen; gauges of cases and
 * jobs are read from the stores' indexes when scraped, at most once per cache period.
 */
export class BotMetrics {
  readonly registry = new Registry();
  private readonly turns = new Counter({
    name: 'unilogin_turns_total',
    help: 'Turns served, by route (the kind of incoming activity) and outcome.',
    labelNames: ['route', 'outcome'] as const,
    registers: [this.registry],
  });
  private readonly turnSeconds = new Histogram({
    name: 'unilogin_turn_duration_seconds',
    help: 'How long turns took, by route and outcome.',
    labelNames: ['route', 'outcome'] as const,
    buckets: SECONDS_BUCKETS,
    registers: [this.registry],
  });
  private readonly jobRuns = new Counter({
    name: 'unilogin_job_runs_total',
    help: 'Runs of durable jobs by this instance, by kind and outcome (done, retry, failed).',
    labelNames: ['kind', 'outcome'] as const,
    registers: [this.registry],
  });
  private readonly jobSeconds = new Histogram({
    name: 'unilogin_job_duration_seconds',
    help: 'How long runs of durable jobs took, by kind.',
    labelNames: ['kind'] as const,
    buckets: SECONDS_BUCKETS,
    registers: [this.registry],
  });
  private readonly mailSeconds = new Histogram({
    name: 'unilogin_mail_send_duration_seconds',
    help: 'How long handing a secure mail to the mail server took (sent or failed).',
    buckets: SECONDS_BUCKETS,
    registers: [this.registry],
  });
  private readonly mailFailures = new Counter({
    name: 'unilogin_mail_send_failures_total',
    help: 'Secure mails the mail server did not take.',
    registers: [this.registry],
  });
  private readonly refusals = new Counter({
    name: 'unilogin_refused_total',
    help: 'Refused actions: notAnApprover, fourEyes (own case), oracleLockout, tenant, rateLimit.',
    labelNames: ['kind'] as const,
    registers: [this.registry],
  });

  constructor(sources: MetricsSources) {
    collectDefaultMetrics({ register: this.registry });
    for (const kind of refusalKinds) this.refusals.inc({ kind }, 0);
    this.mailFailures.inc(0);
    const cacheMs = sources.cacheMs ?? STORE_READ_CACHE_MS;
    // On the bot's clock, so that a test can move past the cache period.
    const clock = () => sources.now().getTime();
    const casesByState = cachedFor(cacheMs, () => sources.cases.countByState(), clock);
    const jobStats = cachedFor(
      cacheMs,
      () => sources.jobs.stats(sources.now().toISOString()),
      clock,
    );
    new Gauge({
      name: 'unilogin_cases',
      help: `Cases by state (read at most every ${cacheMs / 1000} s).`,
      labelNames: ['state'] as const,
      registers: [this.registry],
      async collect() {
        const counts = await casesByState();
        for (const state of caseStates) this.set({ state }, counts[state]);
      },
    });
    new Gauge({
      name: 'unilogin_jobs',
      help: 'Durable jobs by kind and state: due, running (leased), failed (recorded on cases).',
      labelNames: ['kind', 'state'] as const,
      registers: [this.registry],
      async collect() {
        const { byKind } = await jobStats();
        for (const kind of jobKinds) {
          for (const state of ['due', 'running', 'failed'] as const) {
            this.set({ kind, state }, byKind[kind][state]);
          }
        }
      },
    });
    new Gauge({
      name: 'unilogin_oldest_due_job_age_seconds',
      help: 'How long the longest-waiting due job has been due (0 when none is).',
      registers: [this.registry],
      async collect() {
        const { oldestDueAt } = await jobStats();
        const age = oldestDueAt ? (sources.now().getTime() - Date.parse(oldestDueAt)) / 1000 : 0;
        this.set(Math.max(0, age));
      },
    });
  }

  /** A turn ended. */
  turnEnded(route: string, outcome: 'ok' | 'error', seconds: number): void {
    this.turns.inc({ route, outcome });
    this.turnSeconds.observe({ route, outcome }, seconds);
  }

  /** A worker of this instance ran a job. */
  jobRan(kind: JobKind, outcome: string, seconds: number): void {
    this.jobRuns.inc({ kind, outcome });
    this.jobSeconds.observe({ kind }, seconds);
  }

  /** A secure mail was handed over (or not). */
  mailSent(seconds: number, ok: boolean): void {
    this.mailSeconds.observe(seconds);
    if (!ok) this.mailFailures.inc();
  }

  /** An action was refused. */
  refused(kind: RefusalKind): void {
    this.refusals.inc({ kind });
  }

  /** The exposition: the body and its content type. */
  async scrape(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}
