import { randomBytes } from 'node:crypto';
import { parseEnv, startUpWarnings, type Env } from '../../bot/config';

const key = () => randomBytes(32).toString('base64');
const production = {
  MicrosoftAppId: 'app-id',
  MicrosoftAppPassword: 'app-password',
  DATA_ENCRYPTION_KEY: key(),
  LOOKUP_HMAC_KEY: key(),
  SMTP_URL: 'smtp://mail.example:587',
  MAIL_FROM: 'unilogin@stil.example',
  INSTITUTIONS_FILE: '/etc/unilogin/institutions.json',
  ALLOWED_TENANT_IDS: 'tenant-a,tenant-b',
};

/** The settings of a raw environment, which must be valid. */
function envOf(raw: Record<string, string>): Env {
  const parsed = parseEnv(raw);
  if (!parsed.ok) throw new Error(parsed.problems.join('\n'));
  return parsed.env;
}

describe('the start-up warnings', () => {
  it('say that nobody can approve or deny, and how to set APPROVER_IDS, when it is empty', () => {
    const warnings = startUpWarnings(envOf({ ...production, APPROVER_IDS: ' , ' }));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/nobody can approve or deny cases/);
    expect(warnings[0]).toMatch(/Set APPROVER_IDS to the AAD object ids .*comma separated/);
  });

  it('warn in local mode both that requests are not authenticated and that no one approves', () => {
    const warnings = startUpWarnings(envOf({ BOT_LOCAL_MODE: 'true' }));
    expect(warnings).toEqual([
      expect.stringMatching(/NOT authenticated/),
      expect.stringMatching(/APPROVER_IDS is empty/),
    ]);
  });

  it('say in production that any tenant may talk to the bot when ALLOWED_TENANT_IDS is not set', () => {
    const { ALLOWED_TENANT_IDS: _unset, ...anyTenant } = production;
    const warnings = startUpWarnings(envOf({ ...anyTenant, APPROVER_IDS: 'a-1' }));
    expect(warnings).toEqual([expect.stringMatching(/ALLOWED_TENANT_IDS is not set/)]);
    expect(envOf(production).ALLOWED_TENANT_IDS).toEqual(['tenant-a', 'tenant-b']);
  });

  it('are none in production with approvers', () => {
    expect(startUpWarnings(envOf({ ...production, APPROVER_IDS: 'a-1,b-2' }))).toEqual([]);
  });
});
