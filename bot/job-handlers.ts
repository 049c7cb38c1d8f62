import type { Activity, CloudAdapter } from 'botbuilder';
import { oracleAlertCard } from '../cards/oracle-alert-card';
import type { AuditLog } from '../cases/audit';
import type { Case } from '../cases/case';
import type { Job } from '../cases/effects';
import type { JobHandlers, JobOutcome } from '../cases/effects-worker';
import type { CaseStore } from '../cases/ports';
import type { InstitutionDirectory } from '../cases/secure-mail';
import { sendCredentials, type SendCredentialsDeps } from '../mail/send-credentials';
import type { Stores } from '../storage';
import { languageOf, text, type Language } from '../texts';
import { formatTime } from '../texts/format-time';
import { inConversation, isPermanentSendFailure, sendFailureReason } from './proactive';
import { storedReference } from './conversation-memory';
import { answeredLine, questionMessage } from './question-notices';
import { SUPPORT_LANGUAGE, type SupportChannel } from './support-channel';

/** What the jobs need. */
export interface JobHandlerDeps {
  adapter: CloudAdapter;
  appId: string;
  cases: CaseStore;
  audit: AuditLog;
  stores: Pick<Stores, 'conversationReferences'>;
  institutions: InstitutionDirectory;
  support: SupportChannel;
  mail: SendCredentialsDeps;
}

const done: JobOutcome = { outcome: 'done' };
/** How long a card waits for a support channel to be registered before it looks again. */
const NO_CHANNEL_RETRY_MS = 60_000;
/** A post to the support channel before one is registered: it looks again now and then. */
const noChannel: JobOutcome = {
  outcome: 'retry',
  reason: 'no support channel is registered',
  afterMs: NO_CHANNEL_RETRY_MS,
};
/** How long an update waits for its card to be posted before it looks again. */
const NOT_POSTED_RETRY_MS = 2_000;
/** How often an update renders again when the case moved on while it was being sent. */
const MAX_RENDERS = 3;

/** A failed send: given up when Teams says it can never succeed, else tried again. */
function failedSend(error: unknown): JobOutcome {
  if (isPermanentSendFailure(error)) return { outcome: 'failed', reason: sendFailureReason(error) };
  return { outcome: 'retry', reason: sendFailureReason(error) };
}

/** The handlers of every kind of job; each reads the case as it is when it runs. */
export function jobHandlers(deps: JobHandlerDeps): JobHandlers {
  return {
    postCard: (job) => postCard(deps, job),
    updateCard: (job) => updateCard(deps, job),
    tellRequester: (job) => tellRequester(deps, job),
    alertSupport: (job) => alertSupport(deps, job),
    replyInThread: (job) => replyInThread(deps, job),
    sendMail: sendCredentials(deps.mail),
    async audit(job) {
      await deps.audit.append(job.entry, job.id);
      return done;
    },
  };
}

async function postCard(deps: JobHandlerDeps, job: Job): Promise<JobOutcome> {
  const value = await deps.cases.get(job.caseNumber);
  if (!value || value.thread) return done;
  const channel = await deps.support.channel();
  // Registering a channel wakes this job at once; until then it looks now and then.
  if (!channel) return noChannel;
  try {
    await deps.cases.recordThread(value.caseNumber, await deps.support.post(value, channel));
  } catch (error) {
    return failedSend(error);
  }
  return done;
}

/** Posts the alert of a locked earlier case as a new thread in the support channel. */
async function alertSupport(
  deps: JobHandlerDeps,
  job: Extract<Job, { kind: 'alertSupport' }>,
): Promise<JobOutcome> {
  const channel = await deps.support.channel();
  if (!channel) return noChannel;
  const { caseTries, userTries, at, lockedUntil, by } = job;
  const view = { earlierCaseNumber: job.caseNumber, caseTries, userTries, at, lockedUntil, by };
  try {
    await deps.support.postThread(oracleAlertCard(view, SUPPORT_LANGUAGE), channel);
  } catch (error) {
    return failedSend(error);
  }
  return done;
}

/** The card is still being posted (retry soon), or never will be (nothing to do). */
function notPostedYet(value: Case): JobOutcome {
  if (value.failures.some((failure) => failure.job === 'postCard')) return done;
  return { outcome: 'retry', reason: 'the card is not posted yet', afterMs: NOT_POSTED_RETRY_MS };
}

/** Names the requester's answer in the case's thread, so approvers see that it came. */
async function replyInThread(
  deps: JobHandlerDeps,
  job: Extract<Job, { kind: 'replyInThread' }>,
): Promise<JobOutcome> {
  const value = await deps.cases.get(job.caseNumber);
  const channel = await deps.support.channel();
  if (!value || !channel) return done;
  const line = answeredLine(value, job.questionAt);
  if (line === undefined) return done;
  if (!value.thread) return notPostedYet(value);
  try {
    await deps.support.reply(value.thread, line, channel);
  } catch (error) {
    return failedSend(error);
  }
  return done;
}

/**
 * Shows the case as it is now on its posted card. When the case moved on while the card was
 * being sent, it renders again, so that the last update to arrive shows the latest state.
 */
async function updateCard(deps: JobHandlerDeps, job: Job): Promise<JobOutcome> {
  let value = await deps.cases.get(job.caseNumber);
  const channel = await deps.support.channel();
  if (!value || !channel) return done;
  // The card is still being posted (it will show the state it finds then), or never will be.
  if (!value.thread) return notPostedYet(value);
  for (let render = 0; render < MAX_RENDERS && value?.thread; render++) {
    const card = await deps.support.cardFor(value);
    try {
      await deps.support.update(value.thread, card, channel);
    } catch (error) {
      return failedSend(error);
    }
    const now: Case | undefined = await deps.cases.get(job.caseNumber);
    if (!now || JSON.stringify(await deps.support.cardFor(now)) === JSON.stringify(card)) break;
    value = now;
  }
  return done;
}

async function tellRequester(
  deps: JobHandlerDeps,
  job: Extract<Job, { kind: 'tellRequester' }>,
): Promise<JobOutcome> {
  const value = await deps.cases.get(job.caseNumber);
  if (!value) return done;
  const key = value.requester.conversationKey;
  const stored = key ? await storedReference(deps.stores, key) : undefined;
  if (!stored) return { outcome: 'failed', reason: 'no conversation to tell the requester in' };
  const language = languageOf(stored.value.locale);
  const message = await noticeMessage(deps, value, job, language);
  if (message === undefined) return done;
  try {
    await inConversation(deps.adapter, deps.appId, stored.value, (context) =>
      context.sendActivity(message),
    );
  } catch (error) {
    return failedSend(error);
  }
  return done;
}

/** The notice in the requester's language; undefined when the case no longer fits it. */
async function noticeMessage(
  deps: JobHandlerDeps,
  value: Case,
  job: Extract<Job, { kind: 'tellRequester' }>,
  language: Language,
): Promise<string | Partial<Activity> | undefined> {
  const notice = job.notice;
  if (notice === 'question' || notice === 'questionReminder') {
    return questionMessage(value, job, language);
  }
  // An erased case (retention) has nothing left to tell.
  if (notice === 'denied' && value.state === 'denied') {
    const reason = value.decision.reason;
    if (typeof reason !== 'string') return undefined;
    return text(language, 'requester.denied', { caseNumber: value.caseNumber, reason });
  }
  if (notice === 'mailSent' && value.state === 'mail_sent') {
    if (typeof value.institution.recipient !== 'string') return undefined;
    const institution = await deps.institutions.find(value.institution.cvr);
    return text(language, 'requester.mailSent', {
      caseNumber: value.caseNumber,
      recipient: value.institution.recipient,
      institution: institution?.name ?? value.institution.cvr,
      at: formatTime(language, value.mail.sentAt),
    });
  }
  return undefined;
}
