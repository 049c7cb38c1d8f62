/** The Danish catalogue: every user-facing text of the bot. Danish is the default language. */
export const da = {
  'help.text': 'Jeg hjælper institutioner med at bestille Unilogin til forældre uden MitID.',
  'error.apology': 'Beklager, noget gik galt hos mig. Prøv venligst igen om lidt.',
  'error.storageDown':
    'Beklager, jeg kan ikke nå min database lige nu. Prøv venligst igen om et øjeblik.',
} as const;
