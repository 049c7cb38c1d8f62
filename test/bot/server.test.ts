import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { catalogues } from '../../texts';
import { ConnectorStandIn } from '../support/connector-stand-in';
import { personalMessage, post } from '../support/activities';
import { describeEachBackend } from '../support/storage-backends';
import { startTestApp, type TestApp } from '../support/test-app';

describeEachBackend('the bot server', (backend) => {
  const connector = new ConnectorStandIn();
  let serviceUrl: string;
  let app: TestApp;

  beforeAll(async () => {
    serviceUrl = await connector.start();
  });
  afterAll(() => connector.stop());
  beforeEach(async () => {
    app = await startTestApp(backend.fresh());
  });
  afterEach(() => app.close());

  it('answers /healthz and /readyz with 200 while storage answers', async () => {
    const health = await fetch(`http://127.0.0.1:${app.port}/healthz`);
    const ready = await fetch(`http://127.0.0.1:${app.port}/readyz`);
    expect([health.status, ready.status]).toEqual([200, 200]);
  });

  it('answers /readyz with 503 when storage does not answer', async () => {
    await app.stores.storage.close();
    const ready = await fetch(`http://127.0.0.1:${app.port}/readyz`);
    expect(ready.status).toBe(503);
    app.stores.storage.close = async () => undefined;
  });

  it('tells the user to try again shortly when storage does not answer, without a 5xx', async () => {
    await app.stores.storage.close();
    const status = await post(app.port, personalMessage(serviceUrl, 'conv-down', 'ny unilogin'));
    expect(status).toBeLessThan(500);
    expect(connector.textsTo('conv-down')).toEqual([catalogues.da['error.storageDown']]);
    app.stores.storage.close = async () => undefined;
  });

  it('replies to a message on the serviceUrl the activity came with', async () => {
    const status = await post(app.port, personalMessage(serviceUrl, 'conv-reply', 'hej'));
    expect(status).toBe(200);
    expect(connector.textsTo('conv-reply').length).toBeGreaterThan(0);
  });

  it('refuses a body that is not JSON or too large with a 4xx and keeps serving', async () => {
    expect(await post(app.port, '{not json')).toBeGreaterThanOrEqual(400);
    expect(await post(app.port, `{"text":"${'x'.repeat(300 * 1024)}"}`)).toBe(413);
    const health = await fetch(`http://127.0.0.1:${app.port}/healthz`);
    expect(health.status).toBe(200);
  });
});

describe('the bot server with an app id', () => {
  it('answers an unsigned activity with 401 and never runs a turn', async () => {
    const connector = new ConnectorStandIn();
    const serviceUrl = await connector.start();
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'unilogin-auth-'));
    const app = await startTestApp(
      { dataDir },
      { MicrosoftAppId: '00000000-0000-0000-0000-000000000001', MicrosoftAppPassword: 'secret' },
    );
    try {
      expect(await post(app.port, personalMessage(serviceUrl, 'conv-auth', 'hej'))).toBe(401);
      const forged = { authorization: 'Bearer not.a.token' };
      expect(await post(app.port, personalMessage(serviceUrl, 'conv-auth', 'hej'), forged)).toBe(
        401,
      );
      expect(connector.calls).toEqual([]);
      expect(await app.stores.chats.get('msteams/conversations/conv-auth/')).toBeUndefined();
    } finally {
      await app.close();
      await connector.stop();
    }
  });
});

describe('stopping the bot', () => {
  it('stops accepting, finishes the turn in flight, then closes storage', async () => {
    const connector = new ConnectorStandIn();
    const serviceUrl = await connector.start();
    const app = await startTestApp({
      dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'unilogin-stop-')),
    });
    connector.delayMs = 500;
    const inFlight = post(app.port, personalMessage(serviceUrl, 'conv-stop', 'hej'));
    await connector.waitFor(() => connector.calls.length > 0);
    let closed = false;
    const closing = app.close().then(() => (closed = true));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(closed).toBe(false);
    await expect(fetch(`http://127.0.0.1:${app.port}/healthz`)).rejects.toThrow();
    expect(await inFlight).toBe(200);
    await closing;
    await expect(app.stores.storage.ping()).rejects.toThrow();
    await connector.stop();
  });
});
