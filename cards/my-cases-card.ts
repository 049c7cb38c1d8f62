import type { Case } from '../cases/case';
import { text, type Language } from '../texts';
import { formatTime } from '../texts/format-time';
import { adaptiveCard, facts, heading, type AdaptiveCard } from './adaptive-card';

/** A person's cases, newest first: number, kind, state and when it was filed. */
export function myCasesCard(cases: Case[], language: Language): AdaptiveCard {
  return adaptiveCard([
    heading(text(language, 'myCases.title')),
    facts(
      cases.map((c): [string, string] => [
        c.caseNumber,
        `${text(language, `kind.${c.request.kind}`)} · ${text(language, `state.${c.state}`)} · ${formatTime(language, c.filedAt)}`,
      ]),
    ),
  ]);
}
