import type { Catalogue, TextKey } from './catalogue';
import { da } from './da';
import { en } from './en';

export type { TextKey, Catalogue } from './catalogue';

/** The languages the bot speaks. */
export type Language = 'da' | 'en';

/** The catalogues by language. */
export const catalogues: Record<Language, Catalogue> = { da, en };

/** Danish unless the locale is English (en, en-US, en-GB, ...). */
export function languageOf(locale: string | undefined): Language {
  return locale && /^en\b/i.test(locale) ? 'en' : 'da';
}

/** A text in a language, with its {placeholders} filled in. */
export function text(
  language: Language,
  key: TextKey,
  values: Record<string, string | number> = {},
): string {
  return catalogues[language][key].replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in values ? String(values[name]) : whole,
  );
}
