import { parseCardAction } from '../../cards/card-actions';
import { myCasesCard } from '../../cards/my-cases-card';
import { statusCard, timelineOf } from '../../cards/status-card';
import { summaryCard } from '../../cards/summary-card';
import { welcomeCard } from '../../cards/welcome-card';
import { aCase } from '../support/case-builder';
import { cardProblems } from '../support/parse-card';

const languages = ['da', 'en'] as const;

describe('the personal-chat cards', () => {
  it.each(languages)('parse without problems in the Adaptive Cards library (%s)', (language) => {
    const cards = [
      welcomeCard(language),
      summaryCard(
        { kind: 'new', cprMasked: '010190-****', cvr: '13748136', recipient: 'Åse' },
        language,
      ),
      summaryCard(
        {
          kind: 'forgotten',
          cprMasked: '010190-****',
          cvr: '13748136',
          recipient: 'Åse',
          earlierCaseNumber: 'UL-2026-00001',
          requested: 'both',
        },
        language,
      ),
      statusCard(aCase(), language),
      myCasesCard([aCase(), aCase({ state: 'denied' })], language),
    ];
    for (const card of cards) {
      expect(card.version).toBe('1.5');
      expect(cardProblems(card)).toEqual([]);
    }
  });

  it('reports a malformed card, so that the check above can fail', () => {
    expect(
      cardProblems({ type: 'AdaptiveCard', version: '1.5', body: [{ type: 'Bogus' }] }),
    ).not.toEqual([]);
  });

  it('sends only actions that the action schema accepts', () => {
    const json = JSON.stringify([
      welcomeCard('da'),
      summaryCard(
        { kind: 'new', cprMasked: '010190-****', cvr: '13748136', recipient: 'Åse' },
        'da',
      ),
    ]);
    const datas = [...json.matchAll(/"data":(\{[^}]*\})/g)].map(
      (m) => JSON.parse(m[1]!) as unknown,
    );
    expect(datas.length).toBeGreaterThan(5);
    for (const data of datas) expect(parseCardAction(data)).toBeDefined();
  });

  it('refuses card data with extra fields, wrong types or operator objects', () => {
    expect(parseCardAction({ action: 'intake.confirm', extra: 1 })).toBeUndefined();
    expect(parseCardAction({ action: 'intake.edit', field: 'password' })).toBeUndefined();
    expect(parseCardAction({ action: { $ne: null } })).toBeUndefined();
    expect(parseCardAction({ action: 'menu.status', caseNumber: { $gt: '' } })).toBeUndefined();
    expect(parseCardAction('intake.confirm')).toBeUndefined();
  });

  it('shows the CPR only masked on the summary card', () => {
    const card = summaryCard(
      { kind: 'new', cprMasked: '010190-****', cvr: '13748136', recipient: 'Åse' },
      'da',
    );
    expect(JSON.stringify(card)).toContain('010190-****');
  });

  it('tells the timeline of a decided and mailed case in order', () => {
    const value = aCase({
      state: 'mail_sent',
      decision: {
        outcome: 'approved',
        by: { aadObjectId: 'a', name: 'A' },
        at: '2026-01-02T10:00:00.000Z',
      },
      mail: { sentAt: '2026-01-02T10:05:00.000Z' },
    });
    const lines = timelineOf(value, 'en');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^Filed/);
    expect(lines[1]).toMatch(/^Approved 2 Jan 2026/);
    expect(lines[2]).toMatch(/^Secure mail sent/);
    const denied = aCase({
      state: 'denied',
      decision: {
        outcome: 'denied',
        by: { aadObjectId: 'a', name: 'A' },
        at: '2026-01-02T10:00:00.000Z',
        reason: 'Ikke kontaktperson',
      },
    });
    expect(timelineOf(denied, 'da')[1]).toMatch(/Afvist .*: Ikke kontaktperson/);
  });
});
