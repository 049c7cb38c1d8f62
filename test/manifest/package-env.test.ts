import { parsePackageEnv } from '../../manifest/package-env';
import { sample } from './support';

const problems = (env: Record<string, string | undefined>) => {
  const result = parsePackageEnv(env);
  return result.ok ? [] : result.problems;
};

describe('the environment of npm run package', () => {
  it('gives the app id and the domain when both are good', () => {
    expect(parsePackageEnv(sample)).toEqual({ ok: true, values: sample });
  });

  it('lower-cases the domain', () => {
    const result = parsePackageEnv({ ...sample, BOT_DOMAIN: 'Unilogin-Bot.AzureWebsites.net' });
    expect(result).toEqual({ ok: true, values: sample });
  });

  it('treats an empty variable as not set', () => {
    expect(problems({ MicrosoftAppId: '', BOT_DOMAIN: '' })).toEqual([
      "MicrosoftAppId is not set: give the bot's Entra app id (a GUID)",
      "BOT_DOMAIN is not set: give the bot's public host name (e.g. unilogin-bot.azurewebsites.net)",
    ]);
  });

  it.each([
    ['not-a-guid'],
    ['8c1e5a3f2b4d4e6f9a1b3c5d7e9f0a2b'],
    ['{8c1e5a3f-2b4d-4e6f-9a1b-3c5d7e9f0a2b}'],
    [' 8c1e5a3f-2b4d-4e6f-9a1b-3c5d7e9f0a2b'],
  ])('refuses the app id %j, which is not a GUID', (id) => {
    expect(problems({ ...sample, MicrosoftAppId: id })).toEqual([
      "MicrosoftAppId must be the bot's Entra app id, a GUID like 00000000-0000-0000-0000-000000000000",
    ]);
  });

  it.each([
    ['https://unilogin-bot.azurewebsites.net', /without a scheme: drop "https:\/\/"/],
    ['unilogin-bot.azurewebsites.net/api/messages', /without a path/],
    ['unilogin-bot.azurewebsites.net:443', /without a port/],
    ['localhost', /at least one dot/],
    ['unilogin bot.example.com', /letters, digits, hyphens/],
    ['*.azurewebsites.net', /letters, digits, hyphens/],
    ['-bad.example.com', /letters, digits, hyphens/],
  ])('refuses the domain %j, saying why', (domain, why) => {
    const found = problems({ ...sample, BOT_DOMAIN: domain });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/^BOT_DOMAIN must be a/);
    expect(found[0]).toMatch(why);
  });

  it('accepts a dev tunnel host name', () => {
    expect(parsePackageEnv({ ...sample, BOT_DOMAIN: 'abc123x-3978.euw.devtunnels.ms' }).ok).toBe(
      true,
    );
  });
});
