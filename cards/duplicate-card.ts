import type { CaseNumber } from '../cases/case-number';
import type { DuplicateWarning } from '../cases/duplicate-guard';
import { text, type Language, type TextKey } from '../texts';
import { formatTime } from '../texts/format-time';
import { adaptiveCard, heading, paragraph, submit, type AdaptiveCard } from './adaptive-card';

/**
 * Before the summary of a new login for a CPR with an issued login or an open case: the
 * institution's own earlier cases by number, the others only counted, a forgotten-login button
 * for each issued own case, and how to go on anyway (a typed reason).
 */
export function duplicateCard(warning: DuplicateWarning, language: Language): AdaptiveCard {
  const t = (key: TextKey, values?: Record<string, string | number>) => text(language, key, values);
  const own = warning.own.map((earlier) =>
    paragraph(
      `- ${t('duplicate.case', {
        caseNumber: earlier.caseNumber,
        state: t(`state.${earlier.state}`),
        filedAt: formatTime(language, earlier.filedAt),
      })}`,
      { spacing: 'None' },
    ),
  );
  return adaptiveCard(
    [
      heading(t('duplicate.title')),
      ...(own.length > 0 ? [paragraph(t('duplicate.own'), { weight: 'Bolder' }), ...own] : []),
      ...(warning.elsewhere > 0
        ? [paragraph(t('duplicate.elsewhere', { count: warning.elsewhere }))]
        : []),
      paragraph(t('duplicate.options')),
    ],
    warning.forgettable.map((caseNumber: CaseNumber) =>
      submit(t('duplicate.forgotten', { caseNumber }), {
        action: 'intake.forgottenInstead',
        caseNumber,
      }),
    ),
  );
}
