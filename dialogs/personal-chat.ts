import type { StatePropertyAccessor } from 'botbuilder';
import {
  DialogSet,
  DialogTurnStatus,
  WaterfallDialog,
  type DialogContext,
  type DialogState,
  type DialogTurnResult,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import { AskDialog } from './ask-dialog';
import { isMenuAction, parseCommand } from './commands';
import type { DialogDeps } from './dialog-deps';
import { IntakeDialog } from './intake-dialog';
import { NewLoginDialog } from './new-login-dialog';
import { questions } from './questions';
import { replyToClosedSummary } from './filed-message';
import { replyWithMyCases, replyWithStatus } from './status-replies';
import { say } from './turn-language';

/** The dialog every personal-chat message starts when nothing is going on. */
export const ROUTE = 'root.route';

/**
 * The dialogs of a personal chat, side by side in one set. A component dialog around them
 * added a dialog level, with its own dialog context, to every turn.
 */
export function personalChatDialogs(
  deps: DialogDeps,
  dialogState: StatePropertyAccessor<DialogState>,
): DialogSet {
  return new DialogSet(dialogState)
    .add(new AskDialog(questions(deps.workflow.protection, deps.workflow.now)))
    .add(new IntakeDialog(deps))
    .add(new NewLoginDialog())
    .add(new WaterfallDialog(ROUTE, [(step) => route(step, deps), (step) => step.endDialog()]));
}

/**
 * One turn of a personal chat: `annuller` / `cancel` ends whatever is going on, a welcome-card
 * button starts over, and otherwise the dialog in progress goes on or a command starts.
 */
export async function runPersonalChat(dc: DialogContext): Promise<void> {
  // State saved by an older version may name a dialog this one no longer has: start afresh
  // rather than fail on every message.
  if (dc.activeDialog && !dc.findDialog(dc.activeDialog.id)) await dc.cancelAllDialogs();
  if (dc.activeDialog) {
    if (parseCommand(dc.context.activity).kind === 'cancel') {
      await dc.cancelAllDialogs();
      await dc.context.sendActivity(say(dc.context, 'command.cancelled'));
      return;
    }
    if (isMenuAction(dc.context.activity)) {
      await dc.cancelAllDialogs();
      await dc.beginDialog(ROUTE);
      return;
    }
  }
  const result = await dc.continueDialog();
  if (result.status === DialogTurnStatus.empty) await dc.beginDialog(ROUTE);
}

async function route(step: WaterfallStepContext, deps: DialogDeps): Promise<DialogTurnResult> {
  const { context } = step;
  const command = parseCommand(context.activity);
  switch (command.kind) {
    case 'new':
      return step.beginDialog(NewLoginDialog.id);
    case 'forgotten':
      return step.beginDialog(IntakeDialog.id, { kind: 'forgotten' });
    case 'status':
      await replyWithStatus(context, deps.workflow, command.caseNumber);
      return step.endDialog();
    case 'myCases':
      await replyWithMyCases(context, deps.workflow);
      return step.endDialog();
    case 'cancel':
      await context.sendActivity(say(context, 'command.nothingToCancel'));
      return step.endDialog();
    case 'closedSummary':
      await replyToClosedSummary(context, deps.workflow, command.caseNumber);
      return step.endDialog();
    case 'help':
    case 'unknown':
      await context.sendActivity(say(context, 'help.text'));
      return step.endDialog();
  }
}
