import { text, type Language, type TextKey } from '../texts';
import {
  adaptiveCard,
  heading,
  paragraph,
  type AdaptiveCard,
  type CardElement,
} from './adaptive-card';

/** One waiting case in the digest, with a link to its thread when the card was posted. */
export interface DigestEntry {
  caseNumber: string;
  state: 'filed' | 'info_requested';
  hours: number;
  threadUrl?: string;
}

/** How many cases one digest lists; the rest are counted. */
export const DIGEST_MAX_ROWS = 25;

/** "26 timer", or "3 dage og 4 timer" from two days on. */
export function ageText(hours: number, language: Language): string {
  if (hours < 48) return text(language, 'age.hours', { hours });
  return text(language, 'age.days', { days: Math.floor(hours / 24), hours: hours % 24 });
}

function row(entry: DigestEntry, language: Language): CardElement {
  const key = entry.state === 'filed' ? 'digest.filed' : 'digest.infoRequested';
  const line = text(language, key, {
    caseNumber: entry.caseNumber,
    age: ageText(entry.hours, language),
  });
  const open = entry.threadUrl
    ? [
        {
          type: 'ActionSet' as const,
          actions: [
            {
              type: 'Action.OpenUrl' as const,
              title: text(language, 'digest.open', { caseNumber: entry.caseNumber }),
              url: entry.threadUrl,
            },
          ],
        },
      ]
    : [];
  return { type: 'Container', separator: true, items: [paragraph(line), ...open] };
}

/** The daily digest in the support channel: the cases that waited too long, oldest first. */
export function digestCard(
  view: { day: string; entries: DigestEntry[] },
  language: Language,
): AdaptiveCard {
  const t = (key: TextKey, values?: Record<string, string | number>) => text(language, key, values);
  const shown = view.entries.slice(0, DIGEST_MAX_ROWS);
  const more = view.entries.length - shown.length;
  return adaptiveCard([
    heading(t('digest.title', { day: view.day })),
    paragraph(t('digest.intro', { count: view.entries.length })),
    ...shown.map((entry) => row(entry, language)),
    ...(more > 0 ? [paragraph(t('digest.more', { count: more }))] : []),
  ]);
}
