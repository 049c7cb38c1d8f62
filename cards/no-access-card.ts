import { text, type Language } from '../texts';
import { adaptiveCard, paragraph, type AdaptiveCard } from './adaptive-card';

/** The answer to a case-card action from someone who may not see cases: no case data at all. */
export function noAccessCard(language: Language): AdaptiveCard {
  return adaptiveCard([paragraph(text(language, 'access.noAccess'), { weight: 'Bolder' })]);
}
