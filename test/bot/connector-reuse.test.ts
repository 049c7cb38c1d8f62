import { ConfigurationBotFrameworkAuthentication, type Activity } from 'botbuilder';
import {
  ConnectorFactory,
  type ClaimsIdentity,
  type ConnectorClient,
} from 'botframework-connector';
import { ConnectorReuse } from '../../bot/connector-reuse';
import { personalMessage } from '../support/activities';

const TEAMS = 'https://smba.trafficmanager.net/emea/';

/** The SDK's own authentication without an app id (as in local mode), wrapped for reuse. */
function reuse(inner = new ConfigurationBotFrameworkAuthentication({})) {
  return new ConnectorReuse(inner);
}

async function clientFor(auth: ConnectorReuse, serviceUrl = TEAMS): Promise<ConnectorClient> {
  const activity = personalMessage(serviceUrl, 'conv-1', 'hej') as Activity;
  const result = await auth.authenticateRequest(activity, '');
  return result.connectorFactory!.create(serviceUrl, result.audience);
}

describe('ConnectorReuse', () => {
  it('gives two turns from the same service URL the same connector client', async () => {
    const auth = reuse();

    expect(await clientFor(auth)).toBe(await clientFor(auth));
  });

  it('gives another service URL its own client, aimed at that URL', async () => {
    const auth = reuse();
    const other = 'https://smba.trafficmanager.net/amer/';

    const [emea, amer] = [await clientFor(auth), await clientFor(auth, other)];

    expect(emea).not.toBe(amer);
    expect(amer.conversations).toBeDefined();
  });

  it('shares the clients of incoming turns with proactive messages', async () => {
    const auth = reuse();
    const activity = personalMessage(TEAMS, 'conv-1', 'hej') as Activity;
    const { claimsIdentity, audience } = await auth.authenticateRequest(activity, '');

    const proactive = await auth.createConnectorFactory(claimsIdentity).create(TEAMS, audience);

    expect(proactive).toBe(await clientFor(auth));
  });

  it('reuses one user-token client per bot', async () => {
    const auth = reuse();
    const activity = personalMessage(TEAMS, 'conv-1', 'hej') as Activity;
    const { claimsIdentity } = await auth.authenticateRequest(activity, '');

    expect(await auth.createUserTokenClient(claimsIdentity)).toBe(
      await auth.createUserTokenClient(claimsIdentity),
    );
  });

  it('tries again after a client could not be made', async () => {
    let failures = 1;
    class FailingOnce extends ConfigurationBotFrameworkAuthentication {
      override createConnectorFactory(identity: ClaimsIdentity): ConnectorFactory {
        const real = super.createConnectorFactory(identity);
        return new (class extends ConnectorFactory {
          create(serviceUrl: string, audience?: string) {
            if (failures-- > 0) return Promise.reject(new Error('no token'));
            return real.create(serviceUrl, audience);
          }
        })();
      }
    }
    const auth = reuse(new FailingOnce({}));
    const activity = personalMessage(TEAMS, 'conv-1', 'hej') as Activity;
    const { claimsIdentity } = await auth.authenticateRequest(activity, '');
    const proactive = () => auth.createConnectorFactory(claimsIdentity).create(TEAMS);

    await expect(proactive()).rejects.toThrow('no token');
    const client = await proactive();

    expect(client).toBe(await proactive());
  });

  it('keeps at most 64 clients: a flood of service URLs only empties the cache', async () => {
    const auth = reuse();
    const first = await clientFor(auth);
    for (let i = 0; i < 64; i++) await clientFor(auth, `https://flood-${i}.example/`);

    expect(await clientFor(auth)).not.toBe(first);
  });
});
