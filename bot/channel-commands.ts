import type { TurnContext } from 'botbuilder';
import type { AuditLog } from '../cases/audit';
import type { Case, Person } from '../cases/case';
import type { JobQueue, CaseStore } from '../cases/ports';
import { text, type Language } from '../texts';
import { formatTime } from '../texts/format-time';
import type { SupportChannel } from './support-channel';

/** What the channel commands need. */
export interface ChannelDeps {
  support: SupportChannel;
  cases: CaseStore;
  jobs: JobQueue;
  audit: AuditLog;
  isApprover(aadObjectId: string): boolean;
  now(): Date;
  /** Asks the effects worker to look for due jobs now. */
  kickWorker(): void;
}

/** How many undecided cases `pending` lists. */
const PENDING_LIMIT = 50;

/** Answers an @mention in a team channel: `registrer` / `register`, `afventende` / `pending`. */
export async function answerChannelMessage(
  context: TurnContext,
  command: 'register' | 'pending' | 'help',
  actor: Person,
  language: Language,
  deps: ChannelDeps,
): Promise<void> {
  switch (command) {
    case 'register':
      return register(context, actor, language, deps);
    case 'pending':
      return listPending(context, language, deps);
    case 'help':
      await context.sendActivity(text(language, 'channel.help'));
  }
}

async function register(
  context: TurnContext,
  actor: Person,
  language: Language,
  deps: ChannelDeps,
) {
  if (!deps.isApprover(actor.aadObjectId)) {
    await deps.audit.append({
      at: deps.now().toISOString(),
      actor,
      action: 'channel.register.refused',
    });
    await context.sendActivity(text(language, 'channel.registerRefused'));
    return;
  }
  await deps.support.register(context);
  await deps.audit.append({ at: deps.now().toISOString(), actor, action: 'channel.registered' });
  await context.sendActivity(text(language, 'channel.registered'));
  // Cards of cases filed while no channel was registered have waited as jobs: post them now.
  await deps.jobs.wake('postCard', deps.now().toISOString());
  deps.kickWorker();
}

/** One line per case, with what could not be done for it. */
function caseLines(cases: Case[], language: Language): string {
  const at = (iso: string) => formatTime(language, iso);
  return cases
    .map((value) => {
      const kind = text(language, `kind.${value.request.kind}`);
      const failed = value.failures.map(
        (f) => `  - ⚠ ${text(language, `failure.${f.job}`, { at: at(f.at) })}`,
      );
      return [`- **${value.caseNumber}** · ${kind} · ${at(value.filedAt)}`, ...failed].join('\n');
    })
    .join('\n');
}

/** The cases waiting for a decision, and below them every case where something failed. */
async function listPending(context: TurnContext, language: Language, deps: ChannelDeps) {
  const pending = await deps.cases.listByState(['filed'], PENDING_LIMIT);
  const failing = (await deps.cases.listWithFailures(PENDING_LIMIT)).filter(
    (value) => value.state !== 'filed',
  );
  const sections = [
    pending.length === 0
      ? text(language, 'channel.pendingNone')
      : `**${text(language, 'channel.pendingTitle')}**\n\n${caseLines(pending, language)}`,
    ...(failing.length > 0
      ? [`**${text(language, 'channel.failingTitle')}**\n\n${caseLines(failing, language)}`]
      : []),
  ];
  await context.sendActivity(sections.join('\n\n'));
}
