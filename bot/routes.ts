import {
  ActivityTypes,
  CardFactory,
  MessageFactory,
  type InvokeResponse,
  type TurnContext,
} from 'botbuilder';
import type { Logger } from 'pino';
import { welcomeCard } from '../cards/welcome-card';
import type { Person } from '../cases/case';
import { languageOf, text } from '../texts';
import {
  answerCaseAction,
  errorResponse,
  type ApprovalInvokeDeps,
  type CaseAction,
} from './approval-invoke';
import { answerChannelMessage, type ChannelDeps } from './channel-commands';
import { parseIncoming, type Incoming } from './incoming';
import { SUPPORT_LANGUAGE } from './support-channel';
import { elapsedMs, startTrace } from './turn-trace';
import { aadObjectIdOf, auditableId, tenantIdsOf } from './turn-guard';

/** What the routes hand their work to. */
export interface RouteDeps {
  /** Runs the personal chat's dialogs for this turn and saves their state. */
  personalChat(context: TurnContext): Promise<void>;
  rememberConversation(context: TurnContext): Promise<void>;
  channel: ChannelDeps;
  approval: ApprovalInvokeDeps;
}

type Route<K extends Incoming['kind']> = (
  context: TurnContext,
  incoming: Extract<Incoming, { kind: K }>,
) => Promise<void>;

/** The routes table: one handler for each kind of incoming activity. */
export type Routes = { [K in Incoming['kind']]: Route<K> };

/**
 * Who sent the activity, as cases and the audit log record them. `parseIncoming` refuses a
 * message or invoke without an AAD object id, so a missing one here is a bug.
 */
function actorOf(context: TurnContext): Person {
  const aadObjectId = aadObjectIdOf(context.activity);
  if (!aadObjectId) throw new Error('a turn without an AAD object id reached a route');
  return { aadObjectId, name: context.activity.from?.name ?? '' };
}

const languageOfTurn = (context: TurnContext) => languageOf(context.activity.locale);

async function answerInvoke(context: TurnContext, response: InvokeResponse): Promise<void> {
  await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: response });
}

/** The routes of the bot. */
export function routes(deps: RouteDeps): Routes {
  const caseAction = async (context: TurnContext, action: CaseAction) => {
    const body = await answerCaseAction(
      action,
      actorOf(context),
      languageOfTurn(context),
      deps.approval,
    );
    await answerInvoke(context, { status: body.statusCode, body });
  };
  return {
    personalMessage: (context) => deps.personalChat(context),
    cardSubmit: (context) => deps.personalChat(context),
    async groupMessage(context) {
      await context.sendActivity(text(languageOfTurn(context), 'groupChat.personalOnly'));
    },
    async outOfScope(context, { channel }) {
      const language = channel ? SUPPORT_LANGUAGE : languageOfTurn(context);
      await context.sendActivity(text(language, 'scope.personalOnly'));
    },
    async foreignTenant(context, { invoke, message }) {
      const { activity } = context;
      const aadObjectId = aadObjectIdOf(activity);
      await deps.channel.audit.append({
        at: deps.channel.now().toISOString(),
        actor: aadObjectId
          ? { aadObjectId, name: activity.from?.name ?? '' }
          : { system: 'unidentified sender' },
        action: 'turn.tenant.refused',
        detail: `tenant ${tenantIdsOf(activity).map(auditableId).join(', ') || '-'}`,
      });
      const refused = text(languageOfTurn(context), 'tenant.refused');
      if (invoke) await answerInvoke(context, { status: 403, body: forbidden(refused) });
      else if (message) await context.sendActivity(refused);
    },
    async noActor(context, { invoke }) {
      const refused = text(languageOfTurn(context), 'access.noActor');
      if (invoke) await answerInvoke(context, { status: 403, body: forbidden(refused) });
      else await context.sendActivity(refused);
    },
    // The support channel is spoken to in its own language, whatever each member's client.
    channelMention: (context, { command }) =>
      answerChannelMessage(context, command, actorOf(context), SUPPORT_LANGUAGE, deps.channel),
    approvalInvoke: (context, { action }) => caseAction(context, action),
    refreshInvoke: (context, { action }) => caseAction(context, action),
    async installed(context, { personal }) {
      if (!personal) return;
      await deps.rememberConversation(context);
      const card = welcomeCard(languageOfTurn(context));
      await context.sendActivity(MessageFactory.attachment(CardFactory.adaptiveCard(card)));
    },
    async unsupported(context, { invoke }) {
      // The bot answers its own card actions only; any other invoke is refused, not ignored.
      if (!invoke) return;
      const malformed = text(languageOfTurn(context), 'approval.notice.malformed');
      await answerInvoke(context, { status: 400, body: errorResponse(malformed) });
    },
  };
}

/** An invoke's refusal: the client shows the message, nothing is read. */
const forbidden = (message: string) => ({
  ...errorResponse(message),
  statusCode: 403,
  value: { code: 'Forbidden', message },
});

/** Where a turn reports: the logger its lines are children of, and how it ended. */
export interface TurnReporting {
  logger: Logger;
  /** A turn ended: its route, whether it threw, and how long it took (for the metrics). */
  turnEnded?(route: Incoming['kind'], outcome: 'ok' | 'error', seconds: number): void;
  /** Tenants whose turns are served; any when undefined. */
  allowedTenantIds?: readonly string[];
}

/**
 * Parses the activity once (refusing tenants not in `allowedTenantIds`) and runs its route.
 * The turn's lines carry its route and case; it ends with one line, `turn done` here or
 * `turn failed` from the adapter's error handler, which gets the error thrown on.
 */
export async function routeTurn(
  context: TurnContext,
  table: Routes,
  reporting: TurnReporting,
): Promise<void> {
  const incoming = parseIncoming(context.activity, reporting.allowedTenantIds);
  const trace = startTrace(context, reporting.logger, incoming);
  try {
    await (table[incoming.kind] as Route<Incoming['kind']>)(context, incoming);
  } catch (error) {
    reporting.turnEnded?.(incoming.kind, 'error', elapsedMs(trace) / 1000);
    throw error;
  }
  const durationMs = elapsedMs(trace);
  reporting.turnEnded?.(incoming.kind, 'ok', durationMs / 1000);
  trace.log.debug({ durationMs }, 'turn done');
}
