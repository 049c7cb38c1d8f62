import {
  ComponentDialog,
  WaterfallDialog,
  type DialogTurnResult,
  type WaterfallStep,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import type { TextKey } from '../texts';
import { AskDialog, type AskResult } from './ask-dialog';
import { IntakeDialog } from './intake-dialog';
import type { QuestionId } from './questions';
import { say } from './turn-language';

/** The three yes/no questions of the eligibility gate, and what a "no" to each says. */
const gate: { question: QuestionId; ifNo: TextKey }[] = [
  { question: 'eligibility.contactPerson', ifNo: 'eligibility.no.contactPerson' },
  { question: 'eligibility.registered', ifNo: 'eligibility.no.registered' },
  { question: 'eligibility.triedMitId', ifNo: 'eligibility.no.triedMitId' },
];

/**
 * Flow 1, a new login: the eligibility gate first (nothing personal is asked before it is
 * passed), then the intake of the case.
 */
export class NewLoginDialog extends ComponentDialog {
  static readonly id = 'newLogin';

  constructor(ask: AskDialog, intake: IntakeDialog) {
    super(NewLoginDialog.id);
    const steps: WaterfallStep[] = [];
    gate.forEach(({ question }, i) => {
      steps.push(async (step) => {
        if (i > 0) {
          const stop = await this.stopUnlessYes(step, gate[i - 1]!.ifNo);
          if (stop) return stop;
        }
        return step.beginDialog(AskDialog.id, { question });
      });
    });
    steps.push(async (step) => {
      const stop = await this.stopUnlessYes(step, gate[gate.length - 1]!.ifNo);
      return stop ?? step.replaceDialog(IntakeDialog.id, { kind: 'new' });
    });
    this.addDialog(new WaterfallDialog('newLogin.gate', steps));
    this.addDialog(ask);
    this.addDialog(intake);
    this.initialDialogId = 'newLogin.gate';
  }

  /** Ends the flow after a "no" (with what to do instead) or after too many unclear answers. */
  private async stopUnlessYes(
    step: WaterfallStepContext,
    ifNo: TextKey,
  ): Promise<DialogTurnResult | undefined> {
    const result = step.result as AskResult<boolean>;
    if (!result.answered) return step.endDialog();
    if (result.value) return undefined;
    await step.context.sendActivity(say(step.context, ifNo));
    return step.endDialog();
  }
}
