import type { Case } from '../cases/case';
import { text, type Language, type TextKey } from '../texts';
import { formatTime } from '../texts/format-time';
import {
  adaptiveCard,
  facts,
  heading,
  paragraph,
  submit,
  type AdaptiveCard,
} from './adaptive-card';
import { requestLabel } from './request-label';
import { maskedCprOrErased, orErased } from './retention-label';

/**
 * A person's cases, newest first. Each row says enough to tell it from the others (the masked
 * CPR, the recipient, the state) and has a button to its status.
 */
export function myCasesCard(cases: Case[], language: Language): AdaptiveCard {
  const t = (key: TextKey) => text(language, key);
  return adaptiveCard([
    heading(t('myCases.title')),
    ...cases.map((c) => ({
      type: 'Container' as const,
      separator: true,
      spacing: 'Medium' as const,
      items: [
        paragraph(`**${c.caseNumber}** · ${requestLabel(c.request, language)}`),
        facts([
          [t('status.cpr'), maskedCprOrErased(c, language)],
          [t('status.recipient'), orErased(c.institution.recipient, c, language)],
          [t('status.state'), t(`state.${c.state}`)],
          [t('status.filedAt'), formatTime(language, c.filedAt)],
        ]),
        {
          type: 'ActionSet' as const,
          actions: [
            submit(t('myCases.showStatus'), { action: 'menu.status', caseNumber: c.caseNumber }),
          ],
        },
      ],
    })),
  ]);
}
