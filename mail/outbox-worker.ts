import type { Case } from '../cases/case';
import type { CredentialIssuer, Credentials } from '../cases/credentials';
import {
  claimJob,
  dueJobs,
  markMailFailed,
  markMailSent,
  recordUsername,
  type ClaimedJob,
} from '../cases/mail-job';
import type { InstitutionDirectory, SecureMailer } from '../cases/secure-mail';
import type { WorkflowDeps } from '../cases/workflow-deps';
import { credentialsMail } from './credentials-mail';

/** What the outbox worker needs. */
export interface OutboxDeps {
  workflow: WorkflowDeps;
  issuer: CredentialIssuer;
  mailer: SecureMailer;
  institutions: InstitutionDirectory;
  /** Told about each case whose mail was accepted (to confirm in Teams). */
  onMailSent(value: Case): Promise<void>;
  onError(error: unknown, caseNumber?: string): void;
}

/** How many mails one worker sends at once. */
const SEND_CONCURRENCY = 8;

/** How long kickSoon waits for a pause in approvals, and for how long at most. */
const KICK_QUIET_MS = 100;
const KICK_MAX_WAIT_MS = 1000;

/**
 * Sends the secure mail of approved cases. Every instance of the bot runs one; a job is
 * claimed with a lease in a conditional write, so each mail is sent by one worker only.
 * The password is made just before sending and exists only in the mail.
 */
export class OutboxWorker {
  private timer?: NodeJS.Timeout;
  private soon?: NodeJS.Timeout;
  private firstAskedAt?: number;
  private running?: Promise<void>;
  private again = false;
  private stopped = false;

  constructor(
    private readonly deps: OutboxDeps,
    private readonly pollMs = 1000,
  ) {}

  /** Starts polling for due jobs. */
  start(): void {
    this.timer = setInterval(() => this.kick(), this.pollMs);
    this.kick();
  }

  /** Looks for due jobs now (after an approval, say); never runs two passes at once. */
  kick(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.pass().finally(() => {
      this.running = undefined;
      if (this.again && this.timer) {
        this.again = false;
        void this.kick();
      }
    });
    return this.running;
  }

  /**
   * Looks for due jobs once approvals have paused for a moment (at most a second after the
   * first): a burst of clicks is answered first and mailed in one pass, instead of the mail
   * work slowing the answers to the clicks still waiting.
   */
  kickSoon(): void {
    if (this.stopped) return;
    this.firstAskedAt ??= Date.now();
    clearTimeout(this.soon);
    const untilLatest = this.firstAskedAt + KICK_MAX_WAIT_MS - Date.now();
    this.soon = setTimeout(
      () => {
        this.soon = undefined;
        this.firstAskedAt = undefined;
        void this.kick();
      },
      Math.max(0, Math.min(KICK_QUIET_MS, untilLatest)),
    );
  }

  /** Stops polling and waits for the pass in flight. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    clearTimeout(this.soon);
    this.timer = undefined;
    await this.running;
  }

  private async pass(): Promise<void> {
    try {
      const due = await dueJobs(this.deps.workflow);
      // A few at a time: a mail server round trip (STARTTLS included) dominates each send.
      const lanes = Array.from({ length: SEND_CONCURRENCY }, async () => {
        for (let next = due.shift(); next; next = due.shift()) {
          const job = await claimJob(this.deps.workflow, next.value.caseNumber);
          if (job) await this.send(job);
        }
      });
      await Promise.all(lanes);
    } catch (error) {
      this.deps.onError(error);
    }
  }

  private async send(claimed: ClaimedJob): Promise<void> {
    const caseNumber = claimed.claimed.value.caseNumber;
    // Every write bumps the version: a failure must be marked on the latest one.
    let job = claimed;
    try {
      const institution = await this.deps.institutions.find(job.claimed.value.institution.cvr);
      if (!institution) throw new Error('the institution is not in the directory');
      job = await this.withUsername(job);
      const credentials = await this.credentialsFor(job.claimed.value);
      const mail = credentialsMail(
        job.claimed.value,
        institution,
        credentials,
        job.replacesEarlier,
      );
      const receipt = await this.deps.mailer.send(mail);
      const sent = await markMailSent(this.deps.workflow, job, receipt.messageId);
      if (sent) await this.deps.onMailSent(sent);
    } catch (error) {
      this.deps.onError(error, caseNumber);
      const reason = error instanceof Error ? error.message : 'unknown error';
      await markMailFailed(this.deps.workflow, job, reason).catch((e) => this.deps.onError(e));
    }
  }

  /** A new login gets its username once, kept on the case before any mail goes out. */
  private async withUsername(job: ClaimedJob): Promise<ClaimedJob> {
    const value = job.claimed.value;
    if (value.kind !== 'new' || value.username) return job;
    const username = await this.deps.issuer.newUsername(value.caseNumber);
    const recorded = await recordUsername(this.deps.workflow, job, username);
    if (!recorded) throw new Error('the job was taken over while issuing the username');
    return recorded;
  }

  private async credentialsFor(value: Case): Promise<Credentials> {
    if (value.kind === 'new')
      return { username: value.username, password: this.deps.issuer.newPassword() };
    const earlier = await this.deps.workflow.cases.get(value.earlierCaseNumber ?? '');
    const username = earlier?.value.username;
    if (!username) throw new Error('the earlier case has no username');
    const wantsUsername = value.requested !== 'password';
    const wantsPassword = value.requested !== 'username';
    return {
      ...(wantsUsername ? { username } : {}),
      ...(wantsPassword ? { password: this.deps.issuer.newPassword() } : {}),
    };
  }
}
