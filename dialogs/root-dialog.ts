import {
  ComponentDialog,
  DialogTurnStatus,
  WaterfallDialog,
  type DialogContext,
  type DialogTurnResult,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import { AskDialog } from './ask-dialog';
import { isMenuAction, parseCommand } from './commands';
import type { DialogDeps } from './dialog-deps';
import { IntakeDialog } from './intake-dialog';
import { NewLoginDialog } from './new-login-dialog';
import { questions } from './questions';
import { replyWithMyCases, replyWithStatus } from './status-replies';
import { say } from './turn-language';

/**
 * The entry of every personal-chat message: `annuller` / `cancel` ends whatever is going on,
 * a welcome-card button starts over, and otherwise a command starts its dialog or reply.
 */
export class RootDialog extends ComponentDialog {
  static readonly id = 'root';

  constructor(private readonly deps: DialogDeps) {
    super(RootDialog.id);
    const ask = new AskDialog(questions(deps.workflow.protection, deps.workflow.now));
    const intake = new IntakeDialog(deps);
    this.addDialog(ask);
    this.addDialog(intake);
    this.addDialog(new NewLoginDialog());
    this.addDialog(
      new WaterfallDialog('root.route', [(step) => this.route(step), (step) => step.endDialog()]),
    );
    this.initialDialogId = 'root.route';
  }

  protected override async onContinueDialog(inner: DialogContext): Promise<DialogTurnResult> {
    const command = parseCommand(inner.context.activity);
    if (command.kind === 'cancel') {
      await inner.cancelAllDialogs();
      await inner.context.sendActivity(say(inner.context, 'command.cancelled'));
      return { status: DialogTurnStatus.complete };
    }
    if (isMenuAction(inner.context.activity)) {
      await inner.cancelAllDialogs();
      return inner.beginDialog('root.route');
    }
    return super.onContinueDialog(inner);
  }

  private async route(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { context } = step;
    const command = parseCommand(context.activity);
    switch (command.kind) {
      case 'new':
        return step.beginDialog(NewLoginDialog.id);
      case 'forgotten':
        return step.beginDialog(IntakeDialog.id, { kind: 'forgotten' });
      case 'status':
        await replyWithStatus(context, this.deps.workflow, command.caseNumber);
        return step.endDialog();
      case 'myCases':
        await replyWithMyCases(context, this.deps.workflow);
        return step.endDialog();
      case 'cancel':
        await context.sendActivity(say(context, 'command.nothingToCancel'));
        return step.endDialog();
      case 'help':
      case 'unknown':
        await context.sendActivity(say(context, 'help.text'));
        return step.endDialog();
    }
  }
}
