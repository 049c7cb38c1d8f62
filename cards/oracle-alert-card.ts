import { text, type Language, type TextKey } from '../texts';
import { formatTime } from '../texts/format-time';
import { adaptiveCard, facts, heading, paragraph, type AdaptiveCard } from './adaptive-card';

/**
 * What STIL support is told when an earlier case is locked after wrong CPR tries: the case,
 * the counts, when and who. Never a CPR, nor the digits tried.
 */
export interface OracleAlertView {
  earlierCaseNumber: string;
  caseTries: number;
  userTries: number;
  at: string;
  lockedUntil: string;
  by: { name: string; aadObjectId: string };
}

/** The alert card posted as a new thread in the support channel. */
export function oracleAlertCard(view: OracleAlertView, language: Language): AdaptiveCard {
  const t = (key: TextKey, values?: Record<string, string | number>) => text(language, key, values);
  return adaptiveCard([
    heading(t('alert.title', { caseNumber: view.earlierCaseNumber })),
    paragraph(t('alert.body', { lockedUntil: formatTime(language, view.lockedUntil) }), {
      color: 'Attention',
    }),
    facts([
      [t('alert.earlierCase'), view.earlierCaseNumber],
      [t('alert.caseTries'), String(view.caseTries)],
      [t('alert.userTries'), String(view.userTries)],
      [t('alert.at'), formatTime(language, view.at)],
      [t('alert.by'), `${view.by.name} (${view.by.aadObjectId})`],
    ]),
  ]);
}
