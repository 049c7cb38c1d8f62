import type { Activity, TurnContext } from 'botbuilder';
import { answerChannelMessage, type ChannelDeps } from '../../bot/channel-commands';
import { parseIncoming } from '../../bot/incoming';
import { parseCommand } from '../../dialogs/commands';
import { chatTurnOf } from '../../bot/chat-turn-of';
import { fillManifest, placeholdersIn, standInsIn, type Json } from '../../manifest/fill-manifest';
import { languageOf, text, type Language } from '../../texts';
import { personalMessage } from '../support/activities';
import { readJson, sample, template, validateManifest, appPackageDir } from './support';
import { resolve } from 'node:path';

interface Command {
  title: string;
  description: string;
}
interface Manifest {
  $schema: string;
  manifestVersion: string;
  version: string;
  id: string;
  localizationInfo: {
    defaultLanguageTag: string;
    additionalLanguages: { languageTag: string; file: string }[];
  };
  developer: Record<string, string>;
  name: { short: string; full: string };
  accentColor: string;
  icons: { color: string; outline: string };
  validDomains: string[];
  bots: {
    botId: string;
    scopes: string[];
    supportsFiles: boolean;
    isNotificationOnly: boolean;
    commandLists: { scopes: string[]; commands: Command[] }[];
  }[];
}

const filled = () => fillManifest(template(), sample) as unknown as Manifest;

/** The manifest with an English localization file's strings applied, as Teams would show it. */
function inEnglish(manifest: Manifest): Manifest {
  const english = readJson(resolve(appPackageDir, 'en.json')) as Record<string, string>;
  const copy = structuredClone(manifest) as unknown as Record<string, unknown>;
  for (const [key, value] of Object.entries(english)) {
    if (key === '$schema') continue;
    const steps = key.split(/\.|\[(\d+)\]/).filter((s) => s !== undefined && s !== '');
    let node = copy as Record<string, unknown>;
    for (const step of steps.slice(0, -1)) node = node[step] as Record<string, unknown>;
    node[steps[steps.length - 1] ?? ''] = value;
  }
  return copy as unknown as Manifest;
}

describe('the Teams app manifest', () => {
  it('passes the Teams manifest schema 1.25 once filled in', () => {
    expect(validateManifest(filled())).toEqual([]);
  });

  it('is checked by a validator that really rejects what the schema forbids', () => {
    const broken = filled() as unknown as Record<string, unknown> & Manifest;
    broken.manifestVersion = '1.24';
    broken.name = { short: 'x'.repeat(31), full: 'ok' };
    broken.accentColor = 'blue';
    delete (broken.developer as Record<string, string | undefined>).privacyUrl;
    broken.unknownField = true;
    const errors = validateManifest(broken).join('\n');
    expect(errors).toMatch(/\/manifestVersion must be equal to constant/);
    expect(errors).toMatch(/\/name\/short must NOT have more than 30 characters/);
    expect(errors).toMatch(/\/accentColor must match pattern/);
    expect(errors).toMatch(/\/developer must have required property 'privacyUrl'/);
    expect(errors).toMatch(/must NOT have additional properties/);
  });

  it('fails the schema while its placeholders are unfilled, because ids must be GUIDs', () => {
    expect(validateManifest(template()).join('\n')).toMatch(/\/id must match pattern/);
  });

  it("names the Agents Toolkit's placeholders TEAMS_APP_ID, BOT_ID and BOT_DOMAIN, and no other", () => {
    expect(placeholdersIn(template()).sort()).toEqual(['BOT_DOMAIN', 'BOT_ID', 'TEAMS_APP_ID']);
  });

  it('uses TEAMS_APP_ID as app id, BOT_ID as bot id, and the domain as the only valid domain', () => {
    const manifest = filled();
    expect(manifest.id).toBe(sample.TEAMS_APP_ID);
    expect(manifest.bots[0]?.botId).toBe(sample.BOT_ID);
    expect(manifest.validDomains).toEqual([sample.BOT_DOMAIN]);
    expect(JSON.stringify(manifest)).not.toContain('${{');
  });

  it('refuses to fill a placeholder it has no value for', () => {
    const withExtra = { ...(template() as Record<string, Json>), x: '${{SOMETHING_ELSE}}' };
    expect(() => fillManifest(withExtra, sample)).toThrow(/SOMETHING_ELSE/);
  });

  it('declares schema 1.25, app version 1.0.0, and Danish with an English localization', () => {
    const manifest = filled();
    expect(manifest.$schema).toBe(
      'https://developer.microsoft.com/en-us/json-schemas/teams/v1.25/MicrosoftTeams.schema.json',
    );
    expect(manifest.manifestVersion).toBe('1.25');
    expect(manifest.version).toBe('1.0.0');
    expect(manifest.localizationInfo).toEqual({
      defaultLanguageTag: 'da-dk',
      additionalLanguages: [{ languageTag: 'en', file: 'en.json' }],
    });
    expect(manifest.icons).toEqual({ color: 'color.png', outline: 'outline.png' });
  });

  it('describes one conversational bot in personal and team scope that takes no files', () => {
    const bots = filled().bots;
    expect(bots).toHaveLength(1);
    expect(bots[0]).toMatchObject({
      scopes: ['personal', 'team'],
      supportsFiles: false,
      isNotificationOnly: false,
    });
  });

  it('lists the personal and the team commands in Danish', () => {
    const lists = filled().bots[0]?.commandLists ?? [];
    expect(lists.map((l) => [l.scopes, l.commands.map((c) => c.title)])).toEqual([
      [['personal'], ['ny unilogin', 'glemt login', 'status', 'mine sager', 'hjælp']],
      [['team'], ['registrer', 'afventende']],
    ]);
    for (const command of lists.flatMap((l) => l.commands)) {
      expect(command.description.length).toBeGreaterThan(10);
    }
  });

  it('marks the developer fields as stand-ins on the reserved .invalid domain', () => {
    const manifest = filled();
    expect(standInsIn(manifest as unknown as Json)).toEqual([
      'developer.name',
      'developer.websiteUrl',
      'developer.privacyUrl',
      'developer.termsOfUseUrl',
    ]);
    for (const field of ['websiteUrl', 'privacyUrl', 'termsOfUseUrl']) {
      expect(new URL(manifest.developer[field] ?? '').hostname).toBe('example.invalid');
    }
  });

  describe.each<[Language, () => Manifest]>([
    ['da', filled],
    ['en', () => inEnglish(filled())],
  ])('in %s, every command the manifest lists', (language, manifest) => {
    const locale = language === 'da' ? 'da-DK' : 'en-US';
    const [personal, team] = manifest().bots[0]?.commandLists ?? [];

    it('in a personal chat is one the bot understands', () => {
      expect(personal?.commands).toHaveLength(5);
      for (const { title } of personal?.commands ?? []) {
        const typed = title === 'status' ? 'status UL-2026-00042' : title;
        const command = parseCommand(
          chatTurnOf(personalMessage('http://x', 'c', typed, { locale })),
        );
        expect([title, command.kind]).not.toEqual([title, 'unknown']);
      }
    });

    it('in a team channel gets its own answer from the bot, not the channel help', async () => {
      const expected = [
        text(language, 'channel.registerRefused'),
        text(language, 'channel.approversOnly'),
      ];
      const answers: string[] = [];
      for (const { title } of team?.commands ?? []) {
        answers.push(await answerInChannel(`<at>Unilogin</at> ${title}`, locale));
      }
      expect(answers).toEqual(expected);
    });
  });
});

/** Sends a channel message through the bot's parser and channel handler (non-approver, no cases). */
async function answerInChannel(message: string, locale: string): Promise<string> {
  const sent: string[] = [];
  const personal = personalMessage('http://x', 'c', message, { locale });
  const activity: Partial<Activity> = {
    ...personal,
    conversation: { ...personal.conversation!, conversationType: 'channel' },
    entities: [
      {
        type: 'mention',
        mentioned: { id: '28:bot-id', name: 'Unilogin' },
        text: '<at>Unilogin</at>',
      },
    ],
  };
  const incoming = parseIncoming(activity);
  if (incoming.kind !== 'channelMention') throw new Error(`parsed as ${incoming.kind}`);
  const context = {
    activity,
    sendActivity: async (reply: string) => {
      sent.push(reply);
    },
  } as unknown as TurnContext;
  const deps = {
    support: { register: async () => undefined },
    cases: { listByState: async () => [], listWithFailures: async () => [] },
    jobs: { wake: async () => undefined },
    audit: { append: async () => undefined },
    isApprover: () => false,
    now: () => new Date('2026-03-02T10:00:00Z'),
    kickWorker: () => undefined,
  } as unknown as ChannelDeps;
  const actor = { aadObjectId: 'staff-aad-1', name: 'Sofie' };
  await answerChannelMessage(context, incoming.command, actor, languageOf(locale), deps);
  return sent.join('\n');
}
