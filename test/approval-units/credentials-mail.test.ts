import type { Case } from '../../cases/case';
import type { CaseNumber } from '../../cases/case-number';
import type { Cvr } from '../../cases/cvr';
import { credentialsMail } from '../../mail/credentials-mail';
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

  it('has no username line when only a new password is sent (flow 2, "password")', () => {
    const forgotten: Case = {
      ...CASE,
      request: {
        kind: 'forgotten',
        earlierCaseNumber: 'UL-2026-00007' as CaseNumber,
        requested: 'password',
      },
    };
    const only = credentialsMail(forgotten, SOLSIKKEN, { password: PASSWORD }, false);
    expect(only.text).not.toContain('Brugernavn');
    expect(linesOf(only.text)).toContain(`Adgangskode: ${PASSWORD}`);
  });

  it('has no password line nor password hint when only the username is sent', () => {
    const only = credentialsMail(CASE, SOLSIKKEN, { username: USERNAME }, false);
    expect(linesOf(only.text)).toContain(`Brugernavn: ${USERNAME}`);
    expect(only.text).not.toMatch(/adgangskode/i);
  });

  it('adds the replacement notice and marks the subject when it replaces an earlier mail', () => {
    const again = credentialsMail(CASE, SOLSIKKEN, { password: PASSWORD }, true);
    expect(again.subject).toBe(
      'Unilogin til kontaktperson – sag UL-2026-00042 (erstatter tidligere mail)',
    );
    expect(again.text).toContain('Denne mail erstatter en tidligere mail i samme sag');
    expect(linesOf(again.text)[0]).toBe('Att.: Åse Ørum-Jæger, Solsikkens Skole');
  });

  it('uses the institution as the directory names it, not the case', () => {
    const renamed = { ...SOLSIKKEN, name: 'Ny Skole', secureMailAddress: 'ny@skole.example' };
    const other = credentialsMail(CASE, renamed, { username: USERNAME }, false);
    expect(other.to).toBe('ny@skole.example');
    expect(linesOf(other.text)[0]).toBe('Att.: Åse Ørum-Jæger, Ny Skole');
  });
});
