import type { RequestedItems } from '../cases/case';
import type { CaseNumber } from '../cases/case-number';
import { text, type Language, type TextKey } from '../texts';
import type { EditableField } from './card-actions';
import { adaptiveCard, facts, heading, submit, type AdaptiveCard } from './adaptive-card';

/** What the staff member has answered, as the summary shows it (the CPR only masked). */
export interface SummaryView {
  /** The number reserved for the case; confirming files it under this number. */
  caseNumber?: CaseNumber;
  kind: 'new' | 'forgotten';
  cprMasked: string;
  cvr: string;
  recipient: string;
  earlierCaseNumber?: string;
  requested?: RequestedItems;
  /** A new login despite earlier cases for the CPR: why. */
  duplicateReason?: string;
}

const fieldLabels: Record<EditableField, TextKey> = {
  earlierCaseNumber: 'summary.earlierCaseNumber',
  cpr: 'summary.cpr',
  cvr: 'summary.cvr',
  recipient: 'summary.recipient',
  requested: 'summary.requested',
};

/** The fields a flow asks for, in the order it asks them. */
export function fieldsOf(kind: SummaryView['kind']): EditableField[] {
  return kind === 'new'
    ? ['cpr', 'cvr', 'recipient']
    : ['earlierCaseNumber', 'cpr', 'cvr', 'recipient', 'requested'];
}

/** The card that asks the staff member to confirm, edit or cancel before a case is filed. */
export function summaryCard(view: SummaryView, language: Language): AdaptiveCard {
  const t = (key: TextKey) => text(language, key);
  const values: Record<EditableField, string> = {
    earlierCaseNumber: view.earlierCaseNumber ?? '',
    cpr: view.cprMasked,
    cvr: view.cvr,
    recipient: view.recipient,
    requested: view.requested ? t(`requested.${view.requested}`) : '',
  };
  const fields = fieldsOf(view.kind);
  const reserved = view.caseNumber ? { caseNumber: view.caseNumber } : {};
  const editCard = adaptiveCard(
    [{ type: 'TextBlock', text: t('summary.editWhich'), wrap: true }],
    fields.map((field) =>
      submit(t(fieldLabels[field]), { action: 'intake.edit', field, ...reserved }),
    ),
  );
  return adaptiveCard(
    [
      heading(t('summary.title')),
      facts([
        [t('summary.kind'), t(`kind.${view.kind}`)],
        ...fields.map((field): [string, string] => [t(fieldLabels[field]), values[field]]),
        ...(view.duplicateReason
          ? [[t('summary.duplicateReason'), view.duplicateReason] as [string, string]]
          : []),
      ]),
    ],
    [
      submit(t('summary.confirm'), { action: 'intake.confirm', ...reserved }, 'positive'),
      { type: 'Action.ShowCard', title: t('summary.edit'), card: editCard },
      submit(t('summary.cancel'), { action: 'intake.cancel', ...reserved }, 'destructive'),
    ],
  );
}

/** The label of a field, for the edit choices typed as text. */
export function fieldLabel(field: EditableField, language: Language): string {
  return text(language, fieldLabels[field]);
}
