import { TeamsActivityHandler, type ConversationState, type TurnContext } from 'botbuilder';
import { runDialog, type Dialog, type DialogState } from 'botbuilder-dialogs';

/** What the bot is made of. */
export interface BotParts {
  conversationState: ConversationState;
  /** The dialog every personal-chat message goes to. */
  rootDialog: Dialog;
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
  }

  override async run(context: TurnContext): Promise<void> {
    await super.run(context);
    await this.parts.conversationState.saveChanges(context, false);
  }
}
