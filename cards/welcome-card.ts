import { text, type Language } from '../texts';
import { adaptiveCard, heading, paragraph, type AdaptiveCard } from './adaptive-card';
import { menuButtons } from './menu-card';

/** The card sent when the bot is installed in a personal chat: what it does, and its buttons. */
export function welcomeCard(language: Language): AdaptiveCard {
  return adaptiveCard(
    [heading(text(language, 'welcome.title')), paragraph(text(language, 'welcome.body'))],
    menuButtons(language),
  );
}
