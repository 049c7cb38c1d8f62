import { text, type Language, type TextKey } from '../texts';
import {
  adaptiveCard,
  paragraph,
  submit,
  type AdaptiveCard,
  type CardButton,
} from './adaptive-card';

/** The welcome card's buttons: what the bot can do, one button each. */
export function menuButtons(language: Language): CardButton[] {
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
  return [
    submit(t('welcome.new'), { action: 'menu.new' }, 'positive'),
    submit(t('welcome.forgotten'), { action: 'menu.forgotten' }),
    { type: 'Action.ShowCard', title: t('welcome.status'), card: statusCard },
    submit(t('welcome.myCases'), { action: 'menu.myCases' }),
    submit(t('welcome.help'), { action: 'menu.help' }),
  ];
}

/** A short message with the buttons under it: what the bot says when it did not understand. */
export function menuCard(message: string, language: Language): AdaptiveCard {
  return adaptiveCard([paragraph(message)], menuButtons(language));
}
