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
    expect(problems({ TEAMS_APP_ID: '', BOT_ID: '', MicrosoftAppId: '', BOT_DOMAIN: '' })).toEqual([
      "BOT_ID is not set: give the bot's Entra app id (a GUID), or set MicrosoftAppId",
      "BOT_DOMAIN is not set: give the bot's public host name (e.g. unilogin-bot.azurewebsites.net)",
    ]);
  });

  it('takes the bot id from MicrosoftAppId, and the Teams app id from the bot id, when unset', () => {
    const { BOT_DOMAIN, BOT_ID } = sample;
    expect(parsePackageEnv({ MicrosoftAppId: BOT_ID, BOT_DOMAIN })).toEqual({
      ok: true,
      values: { TEAMS_APP_ID: BOT_ID, BOT_ID, BOT_DOMAIN },
    });
  });

  it('refuses a BOT_ID that differs from the MicrosoftAppId the bot signs in with', () => {
    expect(problems({ ...sample, MicrosoftAppId: sample.TEAMS_APP_ID })).toEqual([
      "BOT_ID and MicrosoftAppId differ: the manifest's botId must be the app id the bot signs in with",
    ]);
  });

  it.each([
    ['not-a-guid'],
    ['8c1e5a3f2b4d4e6f9a1b3c5d7e9f0a2b'],
    ['{8c1e5a3f-2b4d-4e6f-9a1b-3c5d7e9f0a2b}'],
    [' 8c1e5a3f-2b4d-4e6f-9a1b-3c5d7e9f0a2b'],
  ])('refuses the ids %j, which are not GUIDs, naming each variable', (id) => {
    expect(problems({ ...sample, TEAMS_APP_ID: id, BOT_ID: id })).toEqual([
      'TEAMS_APP_ID must be a GUID like 00000000-0000-0000-0000-000000000000',
      'BOT_ID must be a GUID like 00000000-0000-0000-0000-000000000000',
    ]);
    expect(problems({ BOT_DOMAIN: sample.BOT_DOMAIN, MicrosoftAppId: id })).toEqual([
      'MicrosoftAppId must be a GUID like 00000000-0000-0000-0000-000000000000',
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
