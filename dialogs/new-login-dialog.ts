import {
  WaterfallDialog,
  type DialogTurnResult,
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
 * passed), then the intake of the case. A waterfall in the root dialog's set, next to the ask
 * and intake dialogs it starts: as a component of its own it added a dialog level, with its
 * own dialog context, to every turn of a filing.
 */
export class NewLoginDialog extends WaterfallDialog {
  static readonly id = 'newLogin';

  constructor() {
    super(NewLoginDialog.id);
    gate.forEach(({ question }, i) => {
      this.addStep(async (step) => {
        if (i > 0) {
          const stop = await this.stopUnlessYes(step, gate[i - 1]!.ifNo);
          if (stop) return stop;
        }
        return step.beginDialog(AskDialog.id, { question });
      });
    });
    this.addStep(async (step) => {
      const stop = await this.stopUnlessYes(step, gate[gate.length - 1]!.ifNo);
      return stop ?? step.replaceDialog(IntakeDialog.id, { kind: 'new' });
    });
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
