import { text, type Language, type TextKey } from '../texts';
import { adaptiveCard, heading, paragraph, submit, type AdaptiveCard } from './adaptive-card';

/** The card sent when the bot is installed in a personal chat: one button per action. */
export function welcomeCard(language: Language): AdaptiveCard {
  const t = (key: TextKey) => text(language, key);
  // The case-number input sits in its own sub-card so that only the status button sends it.
  const statusCard = adaptiveCard(
    [
      {
        type: 'Input.Text',
        id: 'caseNumber',
        placeholder: t('welcome.statusPlaceholder'),
        maxLength: 40,
      },
    ],
    [submit(t('welcome.status'), { action: 'menu.status' })],
  );
  return adaptiveCard(
    [heading(t('welcome.title')), paragraph(t('welcome.body'))],
    [
      submit(t('welcome.new'), { action: 'menu.new' }, 'positive'),
      submit(t('welcome.forgotten'), { action: 'menu.forgotten' }),
      { type: 'Action.ShowCard', title: t('welcome.status'), card: statusCard },
      submit(t('welcome.myCases'), { action: 'menu.myCases' }),
      submit(t('welcome.help'), { action: 'menu.help' }),
    ],
  );
}
