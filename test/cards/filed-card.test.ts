import { filedCard } from '../../cards/filed-card';
import { text, type Language } from '../../texts';
import { cardProblems } from '../support/parse-card';

const languages: Language[] = ['da', 'en'];
const CASE_NUMBER = 'UL-2026-00042';

/** Every string a reader of the card sees, in order. */
function shownTexts(card: ReturnType<typeof filedCard>): string[] {
  return card.body.flatMap((element) => (element.type === 'TextBlock' ? [element.text] : []));
}

describe('the card that replaces the summary once the case is filed', () => {
  it.each(languages)('names the kind of case and the number it was filed as (%s)', (language) => {
    const card = filedCard({ kind: 'new', caseNumber: CASE_NUMBER }, language);
    expect(shownTexts(card)).toEqual([
      text(language, 'kind.new'),
      text(language, 'summary.filedAs', { caseNumber: CASE_NUMBER }),
    ]);
    expect(shownTexts(card)[1]).toContain(CASE_NUMBER);
  });

  it.each(languages)('names a forgotten-login case as such (%s)', (language) => {
    const card = filedCard({ kind: 'forgotten', caseNumber: CASE_NUMBER }, language);
    expect(shownTexts(card)[0]).toBe(text(language, 'kind.forgotten'));
  });

  it('says "filed as" in English and "oprettet som" in Danish', () => {
    const english = filedCard({ kind: 'new', caseNumber: CASE_NUMBER }, 'en');
    const danish = filedCard({ kind: 'new', caseNumber: CASE_NUMBER }, 'da');
    expect(shownTexts(english).join('\n')).toMatch(/filed as case \*\*UL-2026-00042\*\*/i);
    expect(shownTexts(danish).join('\n')).toMatch(/oprettet som sag \*\*UL-2026-00042\*\*/i);
  });

  it.each(languages)('has no buttons and nothing to fill in (%s)', (language) => {
    const card = filedCard({ kind: 'new', caseNumber: CASE_NUMBER }, language);
    expect(card.actions).toBeUndefined();
    expect(card.body.map((element) => element.type)).toEqual(['TextBlock', 'TextBlock']);
    expect(JSON.stringify(card)).not.toMatch(/Action\.|Input\./);
  });

  it.each(languages)('parses without problems in the Adaptive Cards library (%s)', (language) => {
    for (const kind of ['new', 'forgotten'] as const) {
      const card = filedCard({ kind, caseNumber: CASE_NUMBER }, language);
      expect(card.version).toBe('1.5');
      expect(cardProblems(card)).toEqual([]);
    }
  });
});
