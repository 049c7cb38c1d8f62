import type { Case, CaseIn, RequestedItems } from '../../cases/case';
import type { CaseNumber } from '../../cases/case-number';
import type { Cvr } from '../../cases/cvr';
import { credentialsMail } from '../../mail/credentials-mail';
import { catalogues } from '../../texts';
import { aCaseIn } from '../support/case-builder';
import { SOLSIKKEN } from './world';

const SENDING = {
  decision: { by: { aadObjectId: 'approver-1', name: 'Anna' }, at: '2026-03-02T09:30:00.000Z' },
  attempt: 1,
  inFlight: true,
};
const CASE: Case = aCaseIn('sending', SENDING, {
  caseNumber: 'UL-2026-00042' as CaseNumber,
  subject: {
    cprEncrypted: { keyId: 'k1', nonce: 'bm9uY2U=', ciphertext: 'Y2lwaGVy', tag: 'dGFn' },
    cprHash: 'b'.repeat(64),
    cprMasked: '010190-****',
  },
  institution: { cvr: SOLSIKKEN.cvr as Cvr, recipient: 'Åse Ørum-Jæger' },
});
const USERNAME = 'kbmt4821';
const PASSWORD = 'Xq7mPz3RtK9vWb';
const EARLIER = 'UL-2026-00007' as CaseNumber;

const linesOf = (text: string) => text.split('\n');

describe('credentialsMail', () => {
  const mail = credentialsMail(CASE, SOLSIKKEN, { username: USERNAME, password: PASSWORD }, false);

  it("goes to the institution's secure mail address, tied to the case number", () => {
    expect(mail.to).toBe('sikkermail@solsikken.example');
    expect(mail.caseNumber).toBe('UL-2026-00042');
  });

  it('opens with the recipient and the institution name in the attention line', () => {
    expect(linesOf(mail.text)[0]).toBe('Att.: Åse Ørum-Jæger, Solsikkens Skole');
  });

  it('quotes the case number and the masked CPR', () => {
    expect(mail.text).toContain('UL-2026-00042');
    expect(mail.text).toContain('010190-****');
  });

  it('quotes no other personal data: no CPR-like number, ciphertext, hash, CVR or requester', () => {
    expect(mail.text).not.toMatch(/\d{6}-?\d{4}/);
    expect(mail.text).not.toContain('b'.repeat(64));
    expect(mail.text).not.toContain(CASE.requester.name);
    expect(`${mail.subject}\n${mail.text}`).not.toContain(CASE.subject.cprEncrypted.ciphertext);
    expect(`${mail.subject}\n${mail.text}`).not.toContain(SOLSIKKEN.cvr);
  });

  it('carries the username and the password exactly as given, on lines of their own', () => {
    expect(linesOf(mail.text)).toEqual(
      expect.arrayContaining([`Brugernavn: ${USERNAME}`, `Adgangskode: ${PASSWORD}`]),
    );
  });

  it('has the plain subject and no replacement notice for a first mail', () => {
    expect(mail.subject).toBe('Unilogin til kontaktperson – sag UL-2026-00042');
    expect(mail.text).not.toMatch(/erstatter/i);
  });

  it('keeps the password out of the subject', () => {
    expect(mail.subject).not.toContain(PASSWORD);
  });

  it('adds the replacement notice and marks the subject when it replaces an earlier mail', () => {
    const again = credentialsMail(
      CASE,
      SOLSIKKEN,
      { username: USERNAME, password: PASSWORD },
      true,
    );
    expect(again.subject).toBe(
      'Unilogin til kontaktperson – sag UL-2026-00042 (erstatter tidligere mail)',
    );
    expect(again.text).toContain(
      'Denne mail erstatter en tidligere mail i samme sag, som måske nåede frem. Adgangskoden nedenfor er ny; adgangskoden i den tidligere mail virker ikke.',
    );
    expect(linesOf(again.text)[0]).toBe('Att.: Åse Ørum-Jæger, Solsikkens Skole');
  });

  it('says nothing of old passwords in a new login: there was none', () => {
    expect(mail.text).not.toMatch(/gamle adgangskode|ikke ændret/);
  });

  it('refuses to build a mail that lacks a requested credential', () => {
    expect(() => credentialsMail(CASE, SOLSIKKEN, { username: USERNAME }, false)).toThrow(
      /lacks a requested credential/,
    );
  });
});

describe('credentialsMail for a forgotten login', () => {
  const forgotten = (requested: RequestedItems): CaseIn<'sending'> => ({
    ...CASE,
    request: { kind: 'forgotten', earlierCaseNumber: EARLIER, requested },
  });
  const both = { username: USERNAME, password: PASSWORD };
  const OLD_PASSWORD_STOPS =
    'Den gamle adgangskode virker ikke længere. Kontaktpersonen skal bruge den nye adgangskode ovenfor.';

  it('names the case as a forgotten login and quotes the earlier case number', () => {
    const mail = credentialsMail(forgotten('both'), SOLSIKKEN, both, false);
    expect(linesOf(mail.text)[2]).toBe(
      'STIL har godkendt sag UL-2026-00042 om glemt Unilogin til kontaktpersonen med CPR-nummer 010190-**** (tidligere sag UL-2026-00007). Giv oplysningerne videre til kontaktpersonen personligt.',
    );
  });

  it('asked for the username, carries the username only and says the password is unchanged', () => {
    // Even when handed a password, a username-only mail does not carry one.
    const mail = credentialsMail(forgotten('username'), SOLSIKKEN, both, false);
    expect(linesOf(mail.text)).toContain(`Brugernavn: ${USERNAME}`);
    expect(mail.text).not.toContain(PASSWORD);
    expect(mail.text).not.toMatch(/^Adgangskode:/m);
    expect(linesOf(mail.text)).toContain(
      'Adgangskoden er ikke ændret: kontaktpersonen bruger samme adgangskode som før.',
    );
    expect(mail.text).not.toContain(OLD_PASSWORD_STOPS);
    expect(mail.text).not.toMatch(/skifte adgangskoden/);
  });

  it('asked for a new password, carries the password only and says the old one stops working', () => {
    const mail = credentialsMail(forgotten('password'), SOLSIKKEN, both, false);
    expect(linesOf(mail.text)).toContain(`Adgangskode: ${PASSWORD}`);
    expect(mail.text).not.toContain(USERNAME);
    expect(mail.text).not.toMatch(/^Brugernavn:/m);
    expect(linesOf(mail.text)).toEqual(
      expect.arrayContaining(['Brugernavnet er ikke ændret.', OLD_PASSWORD_STOPS]),
    );
  });

  it('asked for both, carries both and says the old password stops working', () => {
    const mail = credentialsMail(forgotten('both'), SOLSIKKEN, both, false);
    expect(linesOf(mail.text)).toEqual(
      expect.arrayContaining([
        `Brugernavn: ${USERNAME}`,
        `Adgangskode: ${PASSWORD}`,
        OLD_PASSWORD_STOPS,
      ]),
    );
    expect(mail.text).not.toContain('Brugernavnet er ikke ændret.');
  });

  it.each(['username', 'password', 'both'] as const)(
    'asked for %s, refuses to send without it',
    (requested) => {
      const none = requested === 'username' ? { password: PASSWORD } : { username: USERNAME };
      expect(() => credentialsMail(forgotten(requested), SOLSIKKEN, none, false)).toThrow();
    },
  );

  it('a replacement of a username-only mail does not speak of a new password', () => {
    const mail = credentialsMail(forgotten('username'), SOLSIKKEN, { username: USERNAME }, true);
    expect(linesOf(mail.text)).toContain(
      'Denne mail erstatter en tidligere mail i samme sag, som måske nåede frem.',
    );
    expect(mail.text).not.toMatch(/adgangskoden nedenfor/i);
  });

  it('has the same lines in English, the old password stopping included', () => {
    for (const key of ['mail.intro.forgotten', 'mail.oldPasswordStops'] as const) {
      expect(catalogues.en[key]).not.toBe(catalogues.da[key]);
    }
    expect(catalogues.en['mail.oldPasswordStops']).toMatch(/old password no longer works/);
    expect(catalogues.en['mail.passwordUnchanged']).toMatch(/password has not changed/);
  });
});

describe('credentialsMail and the institution directory', () => {
  it('uses the institution as the directory names it, not the case', () => {
    const renamed = { ...SOLSIKKEN, name: 'Ny Skole', secureMailAddress: 'ny@skole.example' };
    const other = credentialsMail(CASE, renamed, { username: USERNAME, password: PASSWORD }, false);
    expect(other.to).toBe('ny@skole.example');
    expect(linesOf(other.text)[0]).toBe('Att.: Åse Ørum-Jæger, Ny Skole');
  });
});
