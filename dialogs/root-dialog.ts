import { ComponentDialog, WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import { languageOf, text } from '../texts';

/** The entry of every personal-chat conversation. */
export class RootDialog extends ComponentDialog {
  static readonly id = 'root';

  constructor() {
    super(RootDialog.id);
    this.addDialog(new WaterfallDialog('root.main', [(step) => this.help(step)]));
  }

  private async help(step: WaterfallStepContext) {
    await step.context.sendActivity(text(languageOf(step.context.activity.locale), 'help.text'));
    return step.endDialog();
  }
}
