import {
  CardFactory,
  MessageFactory,
  TeamsActivityHandler,
  type AdaptiveCardInvokeResponse,
  type ConversationState,
  type InvokeResponse,
  type TurnContext,
} from 'botbuilder';
import type { DialogSet, DialogStateManagerConfiguration } from 'botbuilder-dialogs';
import { welcomeCard } from '../cards/welcome-card';
import { runPersonalChat } from '../dialogs/personal-chat';
import { languageOf } from '../texts';

/** What the bot is made of. */
export interface BotParts {
  conversationState: ConversationState;
  /** The dialogs of a personal chat, on the conversation state's dialog-state property. */
  personalChat: DialogSet;
  rememberConversation(context: TurnContext): Promise<void>;
  /** Answers an @mention in a team channel. */
  onChannelMessage(context: TurnContext): Promise<void>;
  /** Answers an Action.Execute from an approval card. */
  onApprovalInvoke(context: TurnContext): Promise<AdaptiveCardInvokeResponse>;
}

/**
 * Where botbuilder-dialogs looks for the memory-scope configuration of a turn before building
 * it anew (the SDK's DialogManager shares one across turns the same way). Building it every
 * turn was 3% of a filing's CPU in the profile. Should the SDK rename the key, it builds it per
 * turn again.
 */
const STATE_CONFIGURATION = 'DialogStateManagerConfiguration';

/** The Teams bot: routes each activity and saves conversation state at the end of the turn. */
export class UniloginBot extends TeamsActivityHandler {
  private stateConfiguration?: DialogStateManagerConfiguration;

  constructor(private readonly parts: BotParts) {
    super();
    this.onMessage(async (context, next) => {
      if (context.activity.conversation.conversationType === 'channel') {
        await parts.onChannelMessage(context);
      } else {
        await this.personalChat(context);
      }
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      const botAdded = context.activity.membersAdded?.some(
        (m) => m.id === context.activity.recipient.id,
      );
      if (botAdded && isPersonal(context)) await this.welcome(context);
      await next();
    });
  }

  override async run(context: TurnContext): Promise<void> {
    await super.run(context);
    await this.parts.conversationState.saveChanges(context, false);
  }

  /**
   * What the SDK's runDialog does for a bot that is not a skill, without its extra per-turn
   * work: a memory snapshot sent as a trace that Teams drops, and a second state load and save
   * (run() saves). The snapshot alone was 2.5% of a filing's CPU in the profile.
   */
  private async personalChat(context: TurnContext): Promise<void> {
    if (this.stateConfiguration)
      context.turnState.set(STATE_CONFIGURATION, this.stateConfiguration);
    const dc = await this.parts.personalChat.createContext(context);
    this.stateConfiguration ??= dc.state.configuration;
    await runPersonalChat(dc);
  }

  /** Card actions are parsed by our own schema: the SDK's check throws on a missing action. */
  protected override async onInvokeActivity(context: TurnContext): Promise<InvokeResponse> {
    // The bot answers card actions only; any other invoke is refused, not left unimplemented.
    if (context.activity.name !== 'adaptiveCard/action') return { status: 400 };
    const response = await this.parts.onApprovalInvoke(context);
    return { status: response.statusCode, body: response };
  }

  private async welcome(context: TurnContext): Promise<void> {
    await this.parts.rememberConversation(context);
    const card = welcomeCard(languageOf(context.activity.locale));
    await context.sendActivity(MessageFactory.attachment(CardFactory.adaptiveCard(card)));
  }
}

function isPersonal(context: TurnContext): boolean {
  const type = context.activity.conversation.conversationType;
  return type === undefined || type === 'personal';
}
