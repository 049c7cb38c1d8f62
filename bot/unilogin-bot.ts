import {
  CardFactory,
  MessageFactory,
  TeamsActivityHandler,
  type AdaptiveCardInvokeResponse,
  type ConversationState,
  type InvokeResponse,
  type TurnContext,
} from 'botbuilder';
import { runDialog, type Dialog, type DialogState } from 'botbuilder-dialogs';
import { welcomeCard } from '../cards/welcome-card';
import { languageOf } from '../texts';

/** What the bot is made of. */
export interface BotParts {
  conversationState: ConversationState;
  /** The dialog every personal-chat message goes to. */
  rootDialog: Dialog;
  rememberConversation(context: TurnContext): Promise<void>;
  /** Answers an @mention in a team channel. */
  onChannelMessage(context: TurnContext): Promise<void>;
  /** Answers an Action.Execute from an approval card. */
  onApprovalInvoke(context: TurnContext): Promise<AdaptiveCardInvokeResponse>;
}

/** The Teams bot: routes each activity and saves conversation state at the end of the turn. */
export class UniloginBot extends TeamsActivityHandler {
  constructor(private readonly parts: BotParts) {
    super();
    const dialogState = parts.conversationState.createProperty<DialogState>('dialogState');
    this.onMessage(async (context, next) => {
      if (context.activity.conversation.conversationType === 'channel') {
        await parts.onChannelMessage(context);
      } else {
        await runDialog(parts.rootDialog, context, dialogState);
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
