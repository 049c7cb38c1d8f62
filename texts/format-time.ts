import type { Language } from './index';

const formats: Record<Language, Intl.DateTimeFormat> = {
  da: new Intl.DateTimeFormat('da-DK', {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'Europe/Copenhagen',
  }),
  en: new Intl.DateTimeFormat('en-GB', {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'Europe/Copenhagen',
  }),
};

/** A time as Danish users read it (Copenhagen time), in the user's language. */
export function formatTime(language: Language, iso: string): string {
  return formats[language].format(new Date(iso));
}
