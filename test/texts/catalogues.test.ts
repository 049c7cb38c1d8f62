import fs from 'node:fs';
import path from 'node:path';
import { catalogues, languageOf, text } from '../../texts';

const root = path.resolve(__dirname, '../..');

describe('the text catalogues', () => {
  it('have the same keys in Danish and English', () => {
    expect(Object.keys(catalogues.en).sort()).toEqual(Object.keys(catalogues.da).sort());
  });

  it('use the same placeholders in both languages', () => {
    for (const key of Object.keys(catalogues.da) as (keyof typeof catalogues.da)[]) {
      const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect([key, names(catalogues.en[key])]).toEqual([key, names(catalogues.da[key])]);
    }
  });

  it('have a message for every problem the domain can name', () => {
    const sources = fs
      .readdirSync(path.join(root, 'cases'))
      .map((f) => fs.readFileSync(path.join(root, 'cases', f), 'utf8'))
      .join('\n');
    const problems = [...sources.matchAll(/invalid\('([\w.]+)'\)/g)].map((m) => m[1]!);
    expect(problems.length).toBeGreaterThan(8);
    for (const problem of problems)
      expect(Object.keys(catalogues.da)).toContain(`problem.${problem}`);
  });

  it('speak Danish by default and English for an English locale', () => {
    expect(languageOf(undefined)).toBe('da');
    expect(languageOf('da-DK')).toBe('da');
    expect(languageOf('fr-FR')).toBe('da');
    expect(languageOf('en-US')).toBe('en');
    expect(languageOf('en')).toBe('en');
    expect(text('en', 'status.title', { caseNumber: 'UL-2026-00001' })).toBe('Case UL-2026-00001');
  });

  it('are the only place user-facing text lives: dialogs and cards hold no literal sentences', () => {
    for (const folder of ['dialogs', 'cards']) {
      for (const file of fs.readdirSync(path.join(root, folder))) {
        const source = fs.readFileSync(path.join(root, folder, file), 'utf8');
        // Comments and the messages of thrown errors (bugs, never shown to users) are not text.
        const code = source.replace(/\/\*\*[\s\S]*?\*\/|\/\/.*$|new Error\([^)]*\)/gm, '');
        const sentences = [...code.matchAll(/(['"`])([A-ZÆØÅ][^'"`]*\s[^'"`]*)\1/g)].map(
          (m) => m[2],
        );
        expect([file, sentences]).toEqual([file, []]);
      }
    }
  });
});
