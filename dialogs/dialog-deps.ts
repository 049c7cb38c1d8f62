import type { TurnContext } from 'botbuilder';
import type { CaseNumber } from '../cases/case-number';
import type { WorkflowDeps } from '../cases/workflow-deps';

/** What the dialogs need: the case workflow and two hooks into the bot. */
export interface DialogDeps {
  workflow: WorkflowDeps;
  /** Keeps the conversation's reference, so that the bot can write to it later. */
  rememberConversation(context: TurnContext): Promise<void>;
  /** Called once a case is filed: tells the requester if support has no channel yet. */
  onFiled(context: TurnContext, caseNumber: CaseNumber): Promise<void>;
}
