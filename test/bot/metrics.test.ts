import { jobsFor, type Effect, type Job } from '../../cases/effects';
import type { Stores } from '../../storage';
import { aCase } from '../support/case-builder';
import { startApprovalWorld, type ApprovalWorld } from '../support/approval-world';
import { TestClock } from '../support/issue13-world';
import { describeEachBackend, openStores } from '../support/storage-backends';
import { startTestApp, type TestApp } from '../support/test-app';
import { until } from '../support/until';

const TOKEN = 'metrics-token-0123456789abcdef';

/** GETs /metrics on a port, with a bearer token when given. */
async function scrape(port: number, token?: string): Promise<{ status: number; text: string }> {
  const res = await fetch(`http://127.0.0.1:${port}/metrics`, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  return { status: res.status, text: await res.text() };
}

/** The value of one sample of the exposition, by name and (a subset of its) labels. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number {
  for (const line of text.split('\n')) {
    const match = /^(\w+)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const found = Object.fromEntries(
      [...(match[2] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]),
    );
    if (Object.entries(labels).every(([k, v]) => found[k] === v)) return Number(match[3]);
  }
  throw new Error(`no sample ${name}${JSON.stringify(labels)} in\n${text}`);
}

describeEachBackend('/metrics', (backend) => {
  describe('behind METRICS_TOKEN on the bot port', () => {
    let world: ApprovalWorld;
    let clock: TestClock;
    beforeEach(async () => {
      clock = new TestClock(new Date());
      world = await startApprovalWorld(backend.fresh(), {
        now: clock.now,
        env: { METRICS_TOKEN: TOKEN },
      });
    });
    afterEach(() => world.close());
    const metrics = async () => {
      const answer = await scrape(world.app.port, TOKEN);
      expect(answer.status).toBe(200);
      return answer.text;
    };

    it('counts the turns, cases, mail and refusals of a filing, a refusal and an approval', async () => {
      await world.channel('registrer', 'approver-1');
      const caseNumber = await world.file('staff-1');
      await world.settled(caseNumber);
      const filed = await metrics();
      expect(sample(filed, 'unilogin_cases', { state: 'filed' })).toBe(1);
      expect(sample(filed, 'unilogin_cases', { state: 'mail_sent' })).toBe(0);
      expect(sample(filed, 'unilogin_jobs', { kind: 'postCard', state: 'due' })).toBe(0);
      expect(sample(filed, 'unilogin_oldest_due_job_age_seconds')).toBe(0);
      expect(sample(filed, 'unilogin_refused_total', { kind: 'notAnApprover' })).toBe(0);

      const refused = await world.invoke('case.approve', { caseNumber }, 'stranger-1');
      expect(refused.status).toBe(200);
      const approved = await world.invoke('case.approve', { caseNumber }, 'approver-2');
      expect(approved.status).toBe(200);
      await until(() => world.smtp.messages.length === 1);
      await world.settled(caseNumber);

      // Read from the stores at most every few seconds: a scrape now still sees the filing.
      expect(sample(await metrics(), 'unilogin_cases', { state: 'filed' })).toBe(1);
      clock.advance(6000);
      const after = await metrics();
      expect(sample(after, 'unilogin_cases', { state: 'filed' })).toBe(0);
      expect(sample(after, 'unilogin_cases', { state: 'mail_sent' })).toBe(1);
      expect(sample(after, 'unilogin_refused_total', { kind: 'notAnApprover' })).toBe(1);
      expect(sample(after, 'unilogin_refused_total', { kind: 'fourEyes' })).toBe(0);
      const turns = (route: string) =>
        sample(after, 'unilogin_turns_total', { route, outcome: 'ok' });
      expect(turns('channelMention')).toBe(1);
      expect(turns('personalMessage')).toBe(8);
      expect(turns('approvalInvoke')).toBe(2);
      expect(
        sample(after, 'unilogin_turn_duration_seconds_count', {
          route: 'approvalInvoke',
          outcome: 'ok',
        }),
      ).toBe(2);
      expect(sample(after, 'unilogin_mail_send_duration_seconds_count')).toBe(1);
      expect(sample(after, 'unilogin_mail_send_failures_total')).toBe(0);
      expect(sample(after, 'unilogin_job_runs_total', { kind: 'sendMail', outcome: 'done' })).toBe(
        1,
      );
      expect(sample(after, 'unilogin_jobs', { kind: 'sendMail', state: 'failed' })).toBe(0);
      // The default process metrics, on the app's own registry.
      expect(sample(after, 'process_cpu_user_seconds_total')).toBeGreaterThan(0);
    });

    it('answers 401 without the token, or with a wrong one', async () => {
      expect((await scrape(world.app.port)).status).toBe(401);
      expect((await scrape(world.app.port, `${TOKEN}x`)).status).toBe(401);
      expect((await scrape(world.app.port, TOKEN)).status).toBe(200);
    });
  });

  describe('on a port of its own', () => {
    const apps: TestApp[] = [];
    afterEach(async () => {
      for (const app of apps.splice(0)) await app.close();
    });
    const start = async (env: Record<string, string>) => {
      const app = await startTestApp(backend.fresh(), env);
      apps.push(app);
      return app;
    };

    it('serves /metrics on METRICS_PORT, and not on the bot port', async () => {
      const app = await start({ METRICS_PORT: '0' });
      expect((await scrape(app.port)).status).toBe(404);
      const own = await scrape(app.metricsPort!);
      expect(own.status).toBe(200);
      expect(sample(own.text, 'unilogin_cases', { state: 'filed' })).toBe(0);
      const elsewhere = await fetch(`http://127.0.0.1:${app.metricsPort}/api/messages`);
      expect(elsewhere.status).toBe(404);
    });

    it('asks for the token there too when METRICS_TOKEN is set', async () => {
      const app = await start({ METRICS_PORT: '0', METRICS_TOKEN: TOKEN });
      expect((await scrape(app.metricsPort!)).status).toBe(401);
      expect((await scrape(app.metricsPort!, TOKEN)).status).toBe(200);
      expect((await scrape(app.port, TOKEN)).status).toBe(404);
    });

    it('serves no /metrics at all without METRICS_PORT or METRICS_TOKEN', async () => {
      const app = await start({});
      expect(app.metricsPort).toBeUndefined();
      expect((await scrape(app.port)).status).toBe(404);
    });
  });
});

describeEachBackend('the counts behind the gauges', (backend) => {
  const T0 = new Date('2026-05-01T12:00:00.000Z');
  const at = (s: number) => new Date(T0.getTime() + s * 1000).toISOString();
  let stores: Stores;
  beforeEach(async () => {
    stores = await openStores(backend.fresh());
  });
  afterEach(() => stores.storage.close());

  /** Files a case with jobs for `effects`, due `dueAt` seconds after T0. */
  async function caseWith(effects: Effect[], dueAt = 0): Promise<Job[]> {
    const filed = aCase();
    const jobs = jobsFor(filed.caseNumber, effects, new Date(at(dueAt)));
    await stores.cases.create(filed, jobs);
    return jobs;
  }

  it('counts cases by state, and jobs due, running (leased) and failed by kind', async () => {
    const [posting] = await caseWith([{ kind: 'postCard' }], 1);
    const [mailing] = await caseWith([{ kind: 'sendMail' }], 2);
    const [telling] = await caseWith([{ kind: 'tellRequester', notice: 'denied' }], 3);
    await caseWith([{ kind: 'postCard' }], 60);
    const held = await stores.jobs.claim({ ...mailing!, lease: 'l1' }, at(10), at(100));
    const doomed = await stores.jobs.claim({ ...telling!, lease: 'l2' }, at(10), at(100));
    await stores.jobs.fail(doomed!, { job: 'tellRequester', at: at(10), reason: '403' });

    const stats = await stores.jobs.stats(at(20));
    expect(stats.byKind.postCard).toEqual({ due: 1, running: 0, failed: 0 });
    expect(stats.byKind.sendMail).toEqual({ due: 0, running: 1, failed: 0 });
    expect(stats.byKind.tellRequester).toEqual({ due: 0, running: 0, failed: 1 });
    expect(stats.oldestDueAt).toBe(posting!.availableAt);
    expect(held).toBeDefined();
    // A lease that ran out is due again.
    expect((await stores.jobs.stats(at(200))).byKind.sendMail).toMatchObject({
      due: 1,
      running: 0,
    });
    expect(await stores.cases.countByState()).toMatchObject({ filed: 4, mail_sent: 0 });
  });
});
