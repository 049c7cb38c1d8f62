import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { parseEnv } from '../../bot/config';
import { resolveSecrets } from '../../bot/secrets';

const key = () => randomBytes(32).toString('base64');
const production = {
  MicrosoftAppId: 'app-id',
  MicrosoftAppPassword: 'app-password',
  DATA_ENCRYPTION_KEY: key(),
  LOOKUP_HMAC_KEY: key(),
  SMTP_URL: 'smtp://mail.example:587',
  MAIL_FROM: 'unilogin@stil.example',
  INSTITUTIONS_FILE: '/etc/unilogin/institutions.json',
};

describe('configuration', () => {
  it('takes the defaults in local mode', () => {
    const parsed = parseEnv({ BOT_LOCAL_MODE: 'true' });
    expect(parsed.ok && parsed.env).toMatchObject({
      PORT: 3978,
      DATA_DIR: './data',
      BOT_LOCAL_MODE: true,
      MicrosoftAppType: 'MultiTenant',
    });
  });

  it('refuses to run without an app id and secrets outside local mode, naming each', () => {
    const parsed = parseEnv({});
    expect(parsed.ok).toBe(false);
    const problems = parsed.ok ? [] : parsed.problems.join('\n');
    expect(problems).toMatch(/MicrosoftAppId is required unless BOT_LOCAL_MODE=true/);
    expect(problems).toMatch(/DATA_ENCRYPTION_KEY is required/);
    expect(problems).toMatch(/LOOKUP_HMAC_KEY is required/);
    expect(problems).toMatch(/SMTP_URL is required/);
    expect(problems).toMatch(/INSTITUTIONS_FILE is required/);
  });

  it('accepts a complete production configuration', () => {
    expect(parseEnv(production).ok).toBe(true);
  });

  it('names every bad variable and why', () => {
    const parsed = parseEnv({
      ...production,
      PORT: 'eighty',
      BOT_LOCAL_MODE: 'yes',
      MONGODB_URI: 'http://db',
      DATA_ENCRYPTION_KEY: Buffer.alloc(16).toString('base64'),
      MicrosoftAppType: 'SingleTenant',
    });
    expect(parsed.ok).toBe(false);
    const lines = parsed.ok ? [] : parsed.problems;
    for (const name of [
      'PORT',
      'BOT_LOCAL_MODE',
      'MONGODB_URI',
      'DATA_ENCRYPTION_KEY',
      'MicrosoftAppTenantId',
    ]) {
      expect(lines.some((l) => l.startsWith(name))).toBe(true);
    }
    expect(lines.join('\n')).toMatch(/32 random bytes/);
  });

  it('reads the digest and metrics settings, and refuses bad ones by name', () => {
    const good = parseEnv({
      ...production,
      REMINDER_TIME: '07:30',
      REMINDER_AFTER_HOURS: '0',
      METRICS_PORT: '9464',
      METRICS_TOKEN: 'a'.repeat(32),
    });
    expect(good.ok && good.env).toMatchObject({
      REMINDER_TIME: '07:30',
      REMINDER_AFTER_HOURS: 0,
      METRICS_PORT: 9464,
    });
    expect(parseEnv({ ...production, REMINDER_TIME: 'off' }).ok).toBe(true);
    const bad = parseEnv({
      ...production,
      REMINDER_TIME: '8:00',
      REMINDER_AFTER_HOURS: '-1',
      PORT: '9464',
      METRICS_PORT: '9464',
      METRICS_TOKEN: 'short',
    });
    const lines = bad.ok ? [] : bad.problems;
    for (const name of ['REMINDER_TIME', 'REMINDER_AFTER_HOURS', 'METRICS_PORT', 'METRICS_TOKEN']) {
      expect(lines.some((l) => l.startsWith(name))).toBe(true);
    }
  });

  it('asks for the tenant id of a single-tenant app and of a user-assigned managed identity', () => {
    for (const MicrosoftAppType of ['SingleTenant', 'UserAssignedMSI']) {
      const parsed = parseEnv({ ...production, MicrosoftAppType });
      expect(parsed.ok ? [] : parsed.problems).toContain(
        `MicrosoftAppTenantId is required when MicrosoftAppType is ${MicrosoftAppType}`,
      );
      expect(parseEnv({ ...production, MicrosoftAppType, MicrosoftAppTenantId: 't-1' }).ok).toBe(
        true,
      );
    }
  });

  it('treats an empty variable as unset', () => {
    const parsed = parseEnv({ BOT_LOCAL_MODE: 'true', MONGODB_URI: '', PORT: '' });
    expect(parsed.ok && parsed.env.MONGODB_URI).toBeUndefined();
  });
});

describe('secrets in local mode', () => {
  it('are generated once, kept with mode 600, and the same on the next start', () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'unilogin-secrets-'));
    const parsed = parseEnv({ BOT_LOCAL_MODE: 'true', DATA_DIR: dataDir });
    if (!parsed.ok) throw new Error('config');
    const first = resolveSecrets(parsed.env);
    const second = resolveSecrets(parsed.env);
    expect(first.dataEncryptionKey).toHaveLength(32);
    expect(first.lookupHmacKey).toHaveLength(32);
    expect(second).toEqual(first);
    const file = fs.readdirSync(dataDir).map((f) => path.join(dataDir, f))[0]!;
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  });

  it('come from the environment when given', () => {
    const parsed = parseEnv(production);
    if (!parsed.ok) throw new Error('config');
    expect(resolveSecrets(parsed.env).dataEncryptionKey.toString('base64')).toBe(
      production.DATA_ENCRYPTION_KEY,
    );
  });
});
