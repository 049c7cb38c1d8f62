import { MessageFactory, type TurnContext } from 'botbuilder';
import { Dialog, type DialogContext, type DialogTurnResult } from 'botbuilder-dialogs';
import type { TextKey } from '../texts';
import type { QuestionId, Questions } from './questions';
import { say } from './turn-language';

/** How many wrong answers end the dialog. */
export const MAX_ATTEMPTS = 3;

/** What an ask ends with: the answer, or nothing after too many wrong answers. */
export type AskResult<T = unknown> = { answered: true; value: T } | { answered: false };

interface AskState {
  question: QuestionId;
  attempts: number;
}

/**
 * Asks one question and reads the answer. A wrong answer gets its own message and the
 * question again; the third wrong answer ends the ask (and says how to start over).
 */
export class AskDialog extends Dialog<{ question: QuestionId }> {
  static readonly id = 'ask';

  constructor(private readonly questions: Questions) {
    super(AskDialog.id);
  }

  override async beginDialog(dc: DialogContext, options?: { question: QuestionId }) {
    if (!options) throw new Error('AskDialog needs a question');
    const state: AskState = { question: options.question, attempts: 0 };
    Object.assign(dc.activeDialog!.state, state);
    await this.ask(dc.context, options.question);
    return Dialog.EndOfTurn;
  }

  override async continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    const state = dc.activeDialog!.state as AskState;
    const answer = dc.context.activity.text ?? '';
    const parsed = this.questions[state.question].parse(answer);
    if (parsed.ok) return dc.endDialog({ answered: true, value: parsed.value } satisfies AskResult);
    state.attempts += 1;
    if (state.attempts >= MAX_ATTEMPTS) {
      await dc.context.sendActivity(say(dc.context, 'problem.tooManyAttempts'));
      return dc.endDialog({ answered: false } satisfies AskResult);
    }
    await dc.context.sendActivity(say(dc.context, `problem.${parsed.problem}` as TextKey));
    await this.ask(dc.context, state.question);
    return Dialog.EndOfTurn;
  }

  override async repromptDialog(context: TurnContext, instance: { state: object }) {
    await this.ask(context, (instance.state as AskState).question);
  }

  private async ask(context: TurnContext, id: QuestionId) {
    const question = this.questions[id];
    const prompt = say(context, question.prompt);
    const choices = question.choices?.map((key) => say(context, key));
    await context.sendActivity(choices ? MessageFactory.suggestedActions(choices, prompt) : prompt);
  }
}
