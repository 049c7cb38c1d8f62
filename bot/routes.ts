import {
  ActivityTypes,
  CardFactory,
  MessageFactory,
  type InvokeResponse,
  type TurnContext,
} from 'botbuilder';
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

/** Who sent the activity, as cases and the audit log record them. */
function actorOf(context: TurnContext): Person {
  const from = context.activity.from;
  return { aadObjectId: from?.aadObjectId ?? from?.id ?? 'unknown', name: from?.name ?? '' };
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

/** Parses the activity once and runs its route. */
export async function routeTurn(context: TurnContext, table: Routes): Promise<void> {
  const incoming = parseIncoming(context.activity);
  await (table[incoming.kind] as Route<Incoming['kind']>)(context, incoming);
}
