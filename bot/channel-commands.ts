import type { TurnContext } from 'botbuilder';
import type { AuditLog, CaseRepository } from '../cases/ports';
import { plainText } from '../dialogs/commands';
import { languageOf, text } from '../texts';
import { formatTime } from '../texts/format-time';
import type { BackgroundTasks } from './background';
import type { SupportChannel } from './support-channel';

/** What the channel commands need. */
export interface ChannelDeps {
  support: SupportChannel;
  cases: CaseRepository;
  audit: AuditLog;
  isApprover(aadObjectId: string): boolean;
  background: BackgroundTasks;
  now(): Date;
}

/** How many undecided cases `pending` lists. */
const PENDING_LIMIT = 50;

/** Answers an @mention in a team channel: `registrer` / `register`, `afventende` / `pending`. */
export async function answerChannelMessage(context: TurnContext, deps: ChannelDeps): Promise<void> {
  const language = languageOf(context.activity.locale);
  const command = plainText(context.activity);
  const from = context.activity.from;
  const actor = { aadObjectId: from.aadObjectId ?? from.id, name: from.name ?? '' };

  if (command === 'registrer' || command === 'register') {
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
    deps.background.run('post waiting cases', () => deps.support.postWaiting());
    return;
  }
  if (command === 'afventende' || command === 'pending') {
    const pending = await deps.cases.listByState(['filed'], PENDING_LIMIT);
    if (pending.length === 0) {
      await context.sendActivity(text(language, 'channel.pendingNone'));
      return;
    }
    const lines = pending.map(
      ({ value }) =>
        `- **${value.caseNumber}** · ${text(language, `kind.${value.kind}`)} · ${formatTime(language, value.filedAt)}`,
    );
    await context.sendActivity(
      `**${text(language, 'channel.pendingTitle')}**\n\n${lines.join('\n')}`,
    );
    return;
  }
  await context.sendActivity(text(language, 'channel.help'));
}
