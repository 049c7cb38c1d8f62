import type { TurnContext } from 'botbuilder';
import type { AuditLog } from '../cases/audit';
import type { Case, Person } from '../cases/case';
import type { JobQueue, CaseStore } from '../cases/ports';
import { text, type Language } from '../texts';
import { supportStateLabel } from '../cards/approval-history';
import { formatTime } from '../texts/format-time';
import type { SupportChannel } from './support-channel';
import { auditableId } from './turn-guard';

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

/** The team and channel a channel message was written in. */
function whereFrom(context: TurnContext): { teamId?: string; channelId: string } {
  const { activity } = context;
  const data = activity.channelData as
    { team?: { id?: unknown }; channel?: { id?: unknown } } | undefined;
  const channelId = typeof data?.channel?.id === 'string' ? data.channel.id : undefined;
  return {
    ...(typeof data?.team?.id === 'string' ? { teamId: data.team.id } : {}),
    channelId: channelId ?? activity.conversation.id.split(';')[0] ?? '',
  };
}

/** Team and channel ids for an audit entry. */
const whereDetail = (context: TurnContext) => {
  const { teamId, channelId } = whereFrom(context);
  return `team ${auditableId(teamId)} channel ${auditableId(channelId)}`;
};

/** True when the message was written in the registered support channel. */
async function inSupportChannel(context: TurnContext, deps: ChannelDeps): Promise<boolean> {
  const registered = await deps.support.channel();
  if (!registered) return false;
  const stored = registered.channelChatId ?? registered.conversation.id.split(';')[0];
  const here = whereFrom(context);
  const thread = context.activity.conversation.id.split(';')[0];
  const sameTeam = !registered.teamId || !here.teamId || registered.teamId === here.teamId;
  return sameTeam && here.channelId === stored && thread === stored;
}

/**
 * Answers an @mention in a team channel: `registrer` / `register` and `afventende` / `pending`
 * for approvers (`afventende` only in the registered support channel); anyone else is refused,
 * audited, and told nothing about cases.
 */
export async function answerChannelMessage(
  context: TurnContext,
  command: 'register' | 'pending' | 'help',
  actor: Person,
  language: Language,
  deps: ChannelDeps,
): Promise<void> {
  if (command === 'help') {
    await context.sendActivity(text(language, 'channel.help'));
    return;
  }
  const refuse = async (
    detail: string,
    key: 'channel.registerRefused' | 'channel.approversOnly' | 'channel.pendingWrongChannel',
  ) => {
    await deps.audit.append({
      at: deps.now().toISOString(),
      actor,
      action: command === 'register' ? 'channel.register.refused' : 'channel.pending.refused',
      detail: `${detail}; ${whereDetail(context)}`,
    });
    await context.sendActivity(text(language, key));
  };
  if (!deps.isApprover(actor.aadObjectId)) {
    return refuse(
      'not an approver',
      command === 'register' ? 'channel.registerRefused' : 'channel.approversOnly',
    );
  }
  if (command === 'register') return register(context, actor, language, deps);
  if (!(await inSupportChannel(context, deps)))
    return refuse('not the support channel', 'channel.pendingWrongChannel');
  return listPending(context, language, deps);
}

async function register(
  context: TurnContext,
  actor: Person,
  language: Language,
  deps: ChannelDeps,
) {
  await deps.support.register(context);
  await deps.audit.append({
    at: deps.now().toISOString(),
    actor,
    action: 'channel.registered',
    detail: whereDetail(context),
  });
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
      const waiting =
        value.state === 'info_requested' ? ` · ${supportStateLabel(value.state, language)}` : '';
      const line = `- **${value.caseNumber}** · ${kind} · ${at(value.filedAt)}${waiting}`;
      return [line, ...failed].join('\n');
    })
    .join('\n');
}

/** The cases waiting for a decision, and below them every case where something failed. */
async function listPending(context: TurnContext, language: Language, deps: ChannelDeps) {
  const pending = await deps.cases.listByState(['filed', 'info_requested'], PENDING_LIMIT);
  const failing = (await deps.cases.listWithFailures(PENDING_LIMIT)).filter(
    (value) => value.state !== 'filed' && value.state !== 'info_requested',
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
