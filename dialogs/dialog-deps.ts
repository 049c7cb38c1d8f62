import type { TurnContext } from 'botbuilder';
import type { WorkflowDeps } from '../cases/workflow-deps';

/** What the dialogs need: the case workflow and two hooks into the bot. */
export interface DialogDeps {
  workflow: WorkflowDeps;
  /** Keeps the conversation's reference, so that the bot can write to it later. */
  rememberConversation(context: TurnContext): Promise<void>;
  /** Called once a case is filed (the support channel hears of it). */
  onFiled(caseNumber: string, context: TurnContext): Promise<void>;
}
