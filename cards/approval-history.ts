import { text, type Language } from '../texts';
import { formatTime } from '../texts/format-time';
import { paragraph, type CardElement } from './adaptive-card';
import type { ApprovalView } from './approval-view';
import { erasedLabel } from './retention-label';

/** A case's state as the support channel reads it. */
export function supportStateLabel(state: ApprovalView['state'], language: Language): string {
  return state === 'info_requested'
    ? text(language, 'approval.state.info_requested')
    : text(language, `state.${state}`);
}

/** "Tidligere sager for samme CPR": number, state and filing date of each, oldest first. */
export function earlierCasesSection(view: ApprovalView, language: Language): CardElement[] {
  if (view.earlierCases.length === 0) return [];
  const lines = view.earlierCases.map((earlier) =>
    text(language, 'approval.earlierCase', {
      caseNumber: earlier.caseNumber,
      state: supportStateLabel(earlier.state, language),
      filedAt: formatTime(language, earlier.filedAt),
    }),
  );
  return [
    {
      type: 'Container',
      separator: true,
      items: [
        paragraph(text(language, 'approval.earlierCases'), {
          weight: 'Bolder',
          color: 'Attention',
        }),
        ...lines.map((line) => paragraph(`- ${line}`, { spacing: 'None' })),
      ],
    },
  ];
}

/** The questions asked and the answers given, oldest first; the open one says the case waits. */
export function questionLines(view: ApprovalView, language: Language): string[] {
  const at = (iso: string) => formatTime(language, iso);
  const shown = (value: string | undefined) =>
    value ?? erasedLabel(view.erased?.afterDays ?? 0, language);
  const lines: string[] = [];
  for (const asked of view.questions) {
    lines.push(
      text(language, 'approval.question', {
        name: asked.askedBy,
        at: at(asked.askedAt),
        question: shown(asked.question),
      }),
    );
    if (asked.answer) {
      lines.push(
        text(language, 'approval.answer', {
          name: asked.answer.by,
          at: at(asked.answer.at),
          answer: shown(asked.answer.text),
        }),
      );
    }
  }
  if (view.state === 'info_requested') lines.push(text(language, 'approval.waitingForAnswer'));
  return lines;
}
