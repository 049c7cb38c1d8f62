import type { TurnContext } from 'botbuilder';
import { languageOf, text, type Language, type TextKey } from '../texts';

/** The language of this turn: Danish unless the activity's locale is English. */
export function languageOfTurn(context: TurnContext): Language {
  return languageOf(context.activity.locale);
}

/** A text from the catalogue, in the language of this turn. */
export function say(
  context: TurnContext,
  key: TextKey,
  values?: Record<string, string | number>,
): string {
  return text(languageOfTurn(context), key, values);
}
