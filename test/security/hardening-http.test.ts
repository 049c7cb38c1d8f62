import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  DEFAULT_SERVICE_URL_HOSTS,
  isAllowedServiceUrl,
  serviceUrlHosts,
} from '../../bot/service-url-hosts';
import { ConnectorStandIn } from '../support/connector-stand-in';
import { personalMessage, post } from '../support/activities';
import { startTestApp, type TestApp } from '../support/test-app';

const key = () => Buffer.alloc(32, 7).toString('base64');

/** What production needs, with an app id so that every request must carry a token. */
function productionEnv(dataDir: string): Record<string, string> {
  const institutions = path.join(dataDir, 'institutions.json');
  fs.writeFileSync(institutions, '[]');
  return {
    BOT_LOCAL_MODE: 'false',
    MicrosoftAppId: '00000000-0000-4000-8000-000000000001',
    MicrosoftAppPassword: 'not-a-real-secret',
    DATA_ENCRYPTION_KEY: key(),
    LOOKUP_HMAC_KEY: key(),
    SMTP_URL: 'smtp://mail.invalid:587',
    MAIL_FROM: 'bot@example.org',
    INSTITUTIONS_FILE: institutions,
  };
}

describe('the serviceUrl allow-list', () => {
  it('allows the Teams hosts and their subdomains over https, and nothing else', () => {
    const hosts = DEFAULT_SERVICE_URL_HOSTS;
    expect(isAllowedServiceUrl('https://smba.trafficmanager.net/emea/', hosts)).toBe(true);
    expect(isAllowedServiceUrl('https://x.smba.trafficmanager.net/teams/', hosts)).toBe(true);
    expect(isAllowedServiceUrl('https://smba.infra.gcc.teams.microsoft.com/teams', hosts)).toBe(
      true,
    );
    expect(isAllowedServiceUrl('http://smba.trafficmanager.net/emea/', hosts)).toBe(false);
    expect(isAllowedServiceUrl('https://smba.trafficmanager.net.evil.example/', hosts)).toBe(false);
    expect(isAllowedServiceUrl('https://evilsmba.trafficmanager.net/', hosts)).toBe(false);
    expect(isAllowedServiceUrl('http://127.0.0.1:9/', hosts)).toBe(false);
    expect(isAllowedServiceUrl(undefined, hosts)).toBe(false);
    expect(isAllowedServiceUrl('http://127.0.0.1:9/', ['127.0.0.1'])).toBe(true);
  });

  it('applies the defaults in production and nothing in local mode unless configured', () => {
    expect(serviceUrlHosts({ BOT_LOCAL_MODE: false })).toEqual(DEFAULT_SERVICE_URL_HOSTS);
    expect(serviceUrlHosts({ BOT_LOCAL_MODE: true })).toBeUndefined();
    expect(serviceUrlHosts({ BOT_LOCAL_MODE: true, SERVICE_URL_HOSTS: ['a.example'] })).toEqual([
      'a.example',
    ]);
  });
});

describe('the HTTP endpoint hardened', () => {
  const connector = new ConnectorStandIn();
  let serviceUrl: string;
  let dataDir: string;
  let app: TestApp | undefined;

  beforeAll(async () => {
    serviceUrl = await connector.start();
  });
  afterAll(() => connector.stop());
  beforeEach(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'unilogin-http-'));
  });
  afterEach(async () => {
    jest.restoreAllMocks();
    await app?.close();
    app = undefined;
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('refuses an activity whose serviceUrl is not allowed, before the turn and any call out', async () => {
    app = await startTestApp({ dataDir }, { SERVICE_URL_HOSTS: 'smba.trafficmanager.net' });
    const before = connector.calls.length;
    const status = await post(app.port, personalMessage(serviceUrl, 'conv-evil', 'hjælp'));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(status).toBe(403);
    expect(connector.calls.length).toBe(before);
    expect(app.logs.join('')).not.toMatch(/"msg":"turn/);
  });

  it('refuses an unknown serviceUrl in production before authentication', async () => {
    app = await startTestApp({ dataDir }, productionEnv(dataDir));
    const status = await post(app.port, personalMessage(serviceUrl, 'conv-evil', 'hjælp'), {
      authorization: 'Bearer forged',
    });
    expect(status).toBe(403);
  });

  it('answers a failed token check in production with a body that holds no error text', async () => {
    // botbuilder prints the failure itself; the test is about what the caller gets.
    jest.spyOn(console, 'error').mockImplementation(() => undefined);
    app = await startTestApp(
      { dataDir },
      { ...productionEnv(dataDir), SERVICE_URL_HOSTS: '127.0.0.1' },
    );
    const forged = `${Buffer.from('{"alg":"RS256","kid":"k1","typ":"JWT"}').toString('base64url')}.${Buffer.from('{"iss":"https://api.botframework.com","aud":"00000000-0000-4000-8000-000000000001"}').toString('base64url')}.c2ln`;
    const res = await fetch(`http://127.0.0.1:${app.port}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${forged}` },
      body: JSON.stringify(personalMessage(serviceUrl, 'conv-1', 'hjælp')),
    });
    const body = await res.text();
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(['{"error":"unauthorized"}', '{"error":"internal error"}', '']).toContain(body);
  }, 30000);

  it('listens on 127.0.0.1 in local mode and where HOST says otherwise', async () => {
    app = await startTestApp({ dataDir });
    const local = app.logs.find((line) => line.includes('bot listening'));
    await app.close();
    app = await startTestApp({ dataDir }, { HOST: '0.0.0.0' });
    const configured = app.logs.find((line) => line.includes('bot listening'));
    expect(JSON.parse(local ?? '{}').host).toBe('127.0.0.1');
    expect(JSON.parse(configured ?? '{}').host).toBe('0.0.0.0');
  });
});
