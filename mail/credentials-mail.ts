import type { OpenCase, RequestedItems } from '../cases/case';
import type { Credentials } from '../cases/credentials';
import type { Institution, SecureMail } from '../cases/secure-mail';
import { text, type Language, type TextKey } from '../texts';

/** The language of secure mail: the institutions are Danish. */
const MAIL_LANGUAGE: Language = 'da';

type Translate = (key: TextKey, values?: Record<string, string>) => string;

/** What a case's mail carries: a new login both; a forgotten one what was asked for. */
function requestedOf(value: OpenCase): RequestedItems {
  return value.request.kind === 'new' ? 'both' : value.request.requested;
}

/** Exactly the requested credentials; a requested one that is missing is a bug. */
function requestedCredentials(value: OpenCase, credentials: Credentials) {
  const requested = requestedOf(value);
  const username = requested === 'password' ? undefined : credentials.username;
  const password = requested === 'username' ? undefined : credentials.password;
  if ((requested !== 'password' && !username) || (requested !== 'username' && !password)) {
    throw new Error(`the mail of ${value.caseNumber} lacks a requested credential`);
  }
  return { username, password };
}

function introLines(
  value: OpenCase,
  replacesEarlier: boolean,
  withPassword: boolean,
  t: Translate,
) {
  const caseNumber = value.caseNumber;
  const cprMasked = value.subject.cprMasked;
  const intro =
    value.request.kind === 'new'
      ? t('mail.intro', { caseNumber, cprMasked })
      : t('mail.intro.forgotten', {
          caseNumber,
          cprMasked,
          earlierCaseNumber: value.request.earlierCaseNumber,
        });
  if (!replacesEarlier) return [intro];
  const replacement = withPassword
    ? `${t('mail.replacement')} ${t('mail.replacementPassword')}`
    : t('mail.replacement');
  return [intro, '', replacement];
}

/** For a forgotten login: what changed, and that an old password stops working. */
function forgottenLines(value: OpenCase, t: Translate): string[] {
  if (value.request.kind === 'new') return [];
  switch (value.request.requested) {
    case 'username':
      return [t('mail.passwordUnchanged')];
    case 'password':
      return [t('mail.usernameUnchanged'), t('mail.oldPasswordStops')];
    case 'both':
      return [t('mail.oldPasswordStops')];
  }
}

/**
 * The secure mail that carries a case's credentials to the institution, marked for the
 * attention of the named recipient. It quotes the case number and the masked CPR only, and
 * carries exactly the credentials the case asked for.
 */
export function credentialsMail(
  value: OpenCase,
  institution: Institution,
  credentials: Credentials,
  replacesEarlier: boolean,
): SecureMail {
  const t: Translate = (key, values) => text(MAIL_LANGUAGE, key, values);
  const caseNumber = value.caseNumber;
  const { username, password } = requestedCredentials(value, credentials);
  const lines = [
    t('mail.attention', { recipient: value.institution.recipient, institution: institution.name }),
    '',
    ...introLines(value, replacesEarlier, password !== undefined, t),
    '',
    ...(username ? [t('mail.username', { username })] : []),
    ...(password ? [t('mail.password', { password })] : []),
    '',
    ...forgottenLines(value, t),
    ...(password ? [t('mail.passwordHint')] : []),
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
