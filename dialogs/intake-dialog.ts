import { CardFactory, MessageFactory, type TurnContext } from 'botbuilder';
import {
  Dialog,
  DialogReason,
  type DialogContext,
  type DialogTurnResult,
} from 'botbuilder-dialogs';
import { parseCardAction, type EditableField } from '../cards/card-actions';
import { fieldLabel, fieldsOf, summaryCard } from '../cards/summary-card';
import type { CaseNumber } from '../cases/case-number';
import { earlierCaseMatches, fileCase, reserveCaseNumber } from '../cases/file-case';
import { filedCard } from '../cards/filed-card';
import { AskDialog, MAX_ATTEMPTS, type AskResult } from './ask-dialog';
import type { DialogDeps } from './dialog-deps';
import type { Answers } from './questions';
import { filedMessage } from './filed-message';
import { requesterOf } from './requester';
import { languageOfTurn, say } from './turn-language';

interface IntakeState {
  kind: 'new' | 'forgotten';
  answers: Partial<Answers>;
  /** The field being asked now. */
  asking?: EditableField;
  /** True once a forgotten login's earlier case is known to match its CPR. */
  verified: boolean;
  mismatches: number;
  phase: 'asking' | 'review' | 'choosingField';
  /** Reserved when the summary is first shown: confirming files under it, and only once. */
  caseNumber?: CaseNumber;
  /** The summary card as sent, so that it can be replaced once the case is filed. */
  summaryActivityId?: string;
}

/**
 * Asks a case's fields one by one, shows the summary card, and files the case on Confirm.
 * Edit re-asks one field; a wrong answer never loses the answers already given.
 */
export class IntakeDialog extends Dialog<{ kind: IntakeState['kind'] }> {
  static readonly id = 'intake';

  constructor(private readonly deps: DialogDeps) {
    super(IntakeDialog.id);
  }

  override async beginDialog(dc: DialogContext, options?: { kind: IntakeState['kind'] }) {
    const state: IntakeState = {
      kind: options?.kind ?? 'new',
      answers: {},
      verified: false,
      mismatches: 0,
      phase: 'asking',
    };
    Object.assign(dc.activeDialog!.state, state);
    return this.next(dc);
  }

  override async resumeDialog(dc: DialogContext, _reason: DialogReason, result?: AskResult) {
    const state = this.state(dc);
    if (!result?.answered || !state.asking) return dc.endDialog();
    state.answers = { ...state.answers, [state.asking]: result.value };
    if (state.asking === 'cpr' || state.asking === 'earlierCaseNumber') state.verified = false;
    state.asking = undefined;
    return this.next(dc);
  }

  override async continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    const state = this.state(dc);
    const language = languageOfTurn(dc.context);
    const action = parseCardAction(dc.context.activity.value);
    const typed = (dc.context.activity.text ?? '').trim().toLowerCase();
    const fields = fieldsOf(state.kind);
    const pickedByName = fields.find((f) => fieldLabel(f, language).toLowerCase() === typed);

    if (action?.action === 'intake.confirm' || typed === say(dc.context, 'summary.words.confirm')) {
      return this.file(dc);
    }
    if (action?.action === 'intake.cancel') {
      await dc.context.sendActivity(say(dc.context, 'command.cancelled'));
      return dc.endDialog();
    }
    if (action?.action === 'intake.edit' && fields.includes(action.field)) {
      return this.ask(dc, action.field);
    }
    if (state.phase === 'choosingField' && pickedByName) return this.ask(dc, pickedByName);
    if (typed === say(dc.context, 'summary.words.edit')) {
      state.phase = 'choosingField';
      const labels = fields.map((f) => fieldLabel(f, language));
      await dc.context.sendActivity(
        MessageFactory.suggestedActions(labels, say(dc.context, 'summary.editWhich')),
      );
      return Dialog.EndOfTurn;
    }
    await dc.context.sendActivity(say(dc.context, 'problem.notUnderstood'));
    return Dialog.EndOfTurn;
  }

  /** Asks the first missing field, checks a forgotten login's earlier case, or shows the summary. */
  private async next(dc: DialogContext): Promise<DialogTurnResult> {
    const state = this.state(dc);
    // Checked as soon as both are known, so that staff do not answer the rest in vain.
    const { earlierCaseNumber, cpr } = state.answers;
    if (state.kind === 'forgotten' && !state.verified && earlierCaseNumber && cpr) {
      const requester = requesterOf(dc.context.activity);
      if (
        !(await earlierCaseMatches(this.deps.workflow, earlierCaseNumber, cpr.cprHash, requester))
      ) {
        return this.mismatch(dc);
      }
      state.verified = true;
    }
    const missing = fieldsOf(state.kind).find((field) => state.answers[field] === undefined);
    return missing ? this.ask(dc, missing) : this.review(dc);
  }

  private async mismatch(dc: DialogContext): Promise<DialogTurnResult> {
    const state = this.state(dc);
    state.mismatches += 1;
    if (state.mismatches >= MAX_ATTEMPTS) {
      await dc.context.sendActivity(say(dc.context, 'problem.tooManyAttempts'));
      return dc.endDialog();
    }
    await dc.context.sendActivity(say(dc.context, 'problem.earlierCaseMismatch'));
    const { earlierCaseNumber: _e, cpr: _c, ...kept } = state.answers;
    state.answers = kept;
    return this.next(dc);
  }

  private async ask(dc: DialogContext, field: EditableField): Promise<DialogTurnResult> {
    const state = this.state(dc);
    state.asking = field;
    state.phase = 'asking';
    return dc.beginDialog(AskDialog.id, { question: field });
  }

  private async review(dc: DialogContext): Promise<DialogTurnResult> {
    const state = this.state(dc);
    state.phase = 'review';
    state.caseNumber ??= await reserveCaseNumber(this.deps.workflow);
    const answers = state.answers as Answers;
    const card = summaryCard(
      {
        kind: state.kind,
        caseNumber: state.caseNumber,
        cprMasked: answers.cpr.cprMasked,
        cvr: answers.cvr,
        recipient: answers.recipient,
        ...(state.kind === 'forgotten'
          ? { earlierCaseNumber: answers.earlierCaseNumber, requested: answers.requested }
          : {}),
      },
      languageOfTurn(dc.context),
    );
    const sent = await dc.context.sendActivity(
      MessageFactory.attachment(CardFactory.adaptiveCard(card)),
    );
    state.summaryActivityId = sent?.id;
    return Dialog.EndOfTurn;
  }

  private async file(dc: DialogContext): Promise<DialogTurnResult> {
    const state = this.state(dc);
    if (state.phase === 'asking') {
      await dc.context.sendActivity(say(dc.context, 'problem.notUnderstood'));
      return Dialog.EndOfTurn;
    }
    const answers = state.answers as Answers;
    // A state saved before numbers were reserved at the summary reserves one now.
    state.caseNumber ??= await reserveCaseNumber(this.deps.workflow);
    const outcome = await fileCase(this.deps.workflow, state.caseNumber, {
      request:
        state.kind === 'new'
          ? { kind: 'new' }
          : {
              kind: 'forgotten',
              earlierCaseNumber: answers.earlierCaseNumber,
              requested: answers.requested,
            },
      subject: answers.cpr,
      cvr: answers.cvr,
      recipient: answers.recipient,
      requester: requesterOf(dc.context.activity),
    });
    if (outcome.outcome === 'earlierCaseMismatch') return this.mismatch(dc);
    await this.deps.rememberConversation(dc.context);
    // One message of three paragraphs: each extra message is another round trip to Teams.
    await dc.context.sendActivity(filedMessage(dc.context, outcome.caseNumber));
    await this.replaceSummary(dc.context, state, outcome.caseNumber);
    await this.deps.onFiled(dc.context, outcome.caseNumber);
    return dc.endDialog({ caseNumber: outcome.caseNumber });
  }

  /** The summary card loses its buttons once the case is filed: it now says under which number. */
  private async replaceSummary(context: TurnContext, state: IntakeState, caseNumber: CaseNumber) {
    const id = state.summaryActivityId ?? context.activity.replyToId;
    if (!id) return;
    const card = filedCard({ kind: state.kind, caseNumber }, languageOfTurn(context));
    const replaced = { ...MessageFactory.attachment(CardFactory.adaptiveCard(card)), id };
    // The case is filed and the requester told. A summary that Teams will not let us replace
    // stays as it is, and its Confirm answers with this case (see filed-message.ts).
    await context.updateActivity(replaced).catch(() => undefined);
  }

  private state(dc: DialogContext): IntakeState {
    return dc.activeDialog!.state as IntakeState;
  }
}
