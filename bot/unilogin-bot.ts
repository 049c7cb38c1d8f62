import {
  CardFactory,
  MessageFactory,
  TeamsActivityHandler,
  type ConversationState,
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
}

/** The Teams bot: routes each activity and saves conversation state at the end of the turn. */
export class UniloginBot extends TeamsActivityHandler {
  constructor(private readonly parts: BotParts) {
    super();
    const dialogState = parts.conversationState.createProperty<DialogState>('dialogState');
    this.onMessage(async (context, next) => {
      await runDialog(parts.rootDialog, context, dialogState);
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
