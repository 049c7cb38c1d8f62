import type { Case } from '../cases/case';
import type { Credentials } from '../cases/credentials';
import type { Institution, SecureMail } from '../cases/secure-mail';
import { text, type Language, type TextKey } from '../texts';

/** The language of secure mail: the institutions are Danish. */
const MAIL_LANGUAGE: Language = 'da';

/**
 * The secure mail that carries a case's credentials to the institution, marked for the
 * attention of the named recipient. It quotes the case number and the masked CPR only.
 */
export function credentialsMail(
  value: Case,
  institution: Institution,
  credentials: Credentials,
  replacesEarlier: boolean,
): SecureMail {
  const t = (key: TextKey, values?: Record<string, string>) => text(MAIL_LANGUAGE, key, values);
  const caseNumber = value.caseNumber;
  const lines = [
    t('mail.attention', { recipient: value.institution.recipient, institution: institution.name }),
    '',
    t('mail.intro', { caseNumber, cprMasked: value.subject.cprMasked }),
    ...(replacesEarlier ? ['', t('mail.replacement')] : []),
    '',
    ...(credentials.username ? [t('mail.username', { username: credentials.username })] : []),
    ...(credentials.password
      ? [t('mail.password', { password: credentials.password }), '', t('mail.passwordHint')]
      : []),
    '',
    t('mail.aula'),
    '',
    t('mail.footer'),
  ];
  return {
    to: institution.secureMailAddress,
    subject: t(replacesEarlier ? 'mail.subjectReplacement' : 'mail.subject', { caseNumber }),
    text: lines.join('\n'),
    caseNumber,
  };
}
