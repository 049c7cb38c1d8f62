import type { Case, ErasedText } from '../cases/case';
import { text, type Language } from '../texts';
import { formatTime } from '../texts/format-time';

/** The retention period a case was erased under; undefined while it is not erased. */
export function erasure(value: Case): { at: string; afterDays: number } | undefined {
  return 'erased' in value.subject
    ? { at: value.subject.erasedAt, afterDays: value.subject.afterDays }
    : undefined;
}

/** "slettet efter N dage": shown where erased personal data was. */
export function erasedLabel(afterDays: number, language: Language): string {
  return text(language, 'retention.erased', { days: afterDays });
}

/** A name or free text as shown: itself, or the erased label once it was erased. */
export function orErased(field: string | ErasedText, value: Case, language: Language): string {
  if (typeof field === 'string') return field;
  return erasedLabel(erasure(value)?.afterDays ?? 0, language);
}

/** The masked CPR, or the erased label once it was erased. */
export function maskedCprOrErased(value: Case, language: Language): string {
  if (!('erased' in value.subject)) return value.subject.cprMasked;
  return erasedLabel(value.subject.afterDays, language);
}

/** The line that says when and why a case's personal data was erased. */
export function erasureNotice(
  erased: { at: string; afterDays: number },
  language: Language,
): string {
  const at = formatTime(language, erased.at);
  return text(language, 'retention.notice', { at, days: erased.afterDays });
}
