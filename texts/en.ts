import type { Catalogue } from './catalogue';

/** The English catalogue, used when the activity's locale is English. */
export const en: Catalogue = {
  'help.text': 'I help institutions request a Unilogin for parents without MitID.',
  'error.apology': 'Sorry, something went wrong on my side. Please try again in a moment.',
  'error.storageDown': "Sorry, I can't reach my database right now. Please try again shortly.",
};
