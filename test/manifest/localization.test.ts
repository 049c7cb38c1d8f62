import { resolve } from 'node:path';
import { appPackageDir, readJson, template } from './support';

/**
 * The English strings, en.json. Microsoft's localization schema
 * (…/teams/v1.25/MicrosoftTeams.Localization.schema.json) is not available offline, so these
 * tests check the file against the rules of the published localization schema instead: the
 * keys it allows, the ones it requires, and their maximum lengths.
 */
const english = readJson(resolve(appPackageDir, 'en.json')) as Record<string, unknown>;

/** The localization keys this app can use, with the published schema's maximum lengths. */
const allowedKeys: [RegExp, number][] = [
  [/^name\.short$/, 30],
  [/^name\.full$/, 100],
  [/^description\.short$/, 80],
  [/^description\.full$/, 4000],
  [/^bots\[0\]\.commandLists\[[0-2]\]\.commands\[[0-9]\]\.title$/, 32],
  [/^bots\[0\]\.commandLists\[[0-2]\]\.commands\[[0-9]\]\.description$/, 128],
];
const requiredKeys = ['name.short', 'name.full', 'description.short', 'description.full'];

/** The value at a localization key's path in the manifest, e.g. `bots[0].commandLists[1]…`. */
function at(manifest: unknown, key: string): unknown {
  const steps = key.split(/\.|\[(\d+)\]/).filter((s) => s !== undefined && s !== '');
  return steps.reduce<unknown>(
    (node, step) =>
      node !== null && typeof node === 'object'
        ? (node as Record<string, unknown>)[step]
        : undefined,
    manifest,
  );
}

/** The localization keys of every user-facing string the manifest has. */
function localizableKeys(manifest: unknown): string[] {
  const keys = ['name.short', 'name.full', 'description.short', 'description.full'];
  const lists = at(manifest, 'bots[0].commandLists') as { commands: unknown[] }[];
  lists.forEach((list, i) =>
    list.commands.forEach((_, j) => {
      keys.push(`bots[0].commandLists[${i}].commands[${j}].title`);
      keys.push(`bots[0].commandLists[${i}].commands[${j}].description`);
    }),
  );
  return keys;
}

describe('the English localization file', () => {
  it('points at the v1.25 localization schema', () => {
    expect(english.$schema).toBe(
      'https://developer.microsoft.com/en-us/json-schemas/teams/v1.25/MicrosoftTeams.Localization.schema.json',
    );
  });

  it('has only keys the localization schema allows, each a string within its length', () => {
    for (const [key, value] of Object.entries(english)) {
      if (key === '$schema') continue;
      const rule = allowedKeys.find(([pattern]) => pattern.test(key));
      expect([key, rule !== undefined]).toEqual([key, true]);
      expect([key, typeof value]).toEqual([key, 'string']);
      expect([key, (value as string).length <= (rule?.[1] ?? 0)]).toEqual([key, true]);
    }
  });

  it('has the keys the localization schema requires', () => {
    for (const key of requiredKeys) expect(Object.keys(english)).toContain(key);
  });

  it('only translates strings that exist in the manifest', () => {
    for (const key of Object.keys(english)) {
      if (key === '$schema') continue;
      expect([key, typeof at(template(), key)]).toEqual([key, 'string']);
    }
  });

  it('translates every user-facing string of the manifest', () => {
    const missing = localizableKeys(template()).filter((key) => !(key in english));
    expect(missing).toEqual([]);
  });

  it('actually translates: no English string is the Danish one, except the word status', () => {
    for (const key of localizableKeys(template())) {
      if (at(template(), key) === 'status') continue;
      expect([key, english[key]]).not.toEqual([key, at(template(), key)]);
    }
  });

  it('keeps the Danish strings within the same limits, so both languages fit the same places', () => {
    for (const key of localizableKeys(template())) {
      const rule = allowedKeys.find(([pattern]) => pattern.test(key));
      const value = at(template(), key) as string;
      expect([key, value.length <= (rule?.[1] ?? 0)]).toEqual([key, true]);
    }
  });
});
