import type { AdaptiveCard } from '../../cards/adaptive-card';
import { approvalCard } from '../../cards/approval-card';
import { approvalViewOf } from '../../cards/approval-view';
import { parseCardAction } from '../../cards/card-actions';
import { filedCard } from '../../cards/filed-card';
import { myCasesCard } from '../../cards/my-cases-card';
import { statusCard, timelineOf } from '../../cards/status-card';
import { summaryCard, type SummaryView } from '../../cards/summary-card';
import { welcomeCard } from '../../cards/welcome-card';
import type { Case } from '../../cases/case';
import type { CaseNumber } from '../../cases/case-number';
import type { Language } from '../../texts';
import { aCase, aCaseIn } from '../support/case-builder';
import { cardProblems } from '../support/parse-card';

const languages: Language[] = ['da', 'en'];
const ANNA = { aadObjectId: 'a', name: 'A' };
const DECISION = { by: ANNA, at: '2026-01-02T10:00:00.000Z' };
const EARLIER = 'UL-2026-00001' as CaseNumber;

const newSummary: SummaryView = {
  kind: 'new',
  cprMasked: '010190-****',
  cvr: '13748136',
  recipient: 'Åse',
};
const forgottenSummary: SummaryView = {
  ...newSummary,
  kind: 'forgotten',
  earlierCaseNumber: EARLIER,
  requested: 'both',
};

/** A case in each state, of each kind, and one with a job that could not succeed. */
function casesOfEveryKind(): Case[] {
  return [
    aCase(),
    aCase({ request: { kind: 'forgotten', earlierCaseNumber: EARLIER, requested: 'username' } }),
    aCaseIn('approved', { decision: DECISION }),
    aCaseIn('sending', { decision: DECISION, attempt: 2, inFlight: false, lastError: 'timeout' }),
    aCaseIn('mail_sent', { decision: DECISION, mail: { sentAt: '2026-01-02T10:05:00.000Z' } }),
    aCaseIn('denied', { decision: { ...DECISION, reason: 'Ikke kontaktperson' } }),
    aCase({ failures: [{ job: 'postCard', at: '2026-01-02T10:00:00.000Z', reason: '403' }] }),
  ];
}

/** Every card the bot builds, in every form it takes. */
function everyCard(language: Language): [string, AdaptiveCard][] {
  const cases = casesOfEveryKind();
  const approval = (value: Case, withActions: boolean, notice?: string) =>
    approvalCard(
      approvalViewOf(value, {
        approverIds: ['a', 'b'],
        withActions,
        earlierCases: [],
        ...(value.state === 'filed' ? {} : { institutionName: 'Solsikkens Skole' }),
        ...(notice ? { notice } : {}),
      }),
      language,
    );
  return [
    ['welcome', welcomeCard(language)],
    ['summary of a new login', summaryCard(newSummary, language)],
    ['summary of a forgotten login', summaryCard(forgottenSummary, language)],
    ['filed (new)', filedCard({ kind: 'new', caseNumber: 'UL-2026-00002' }, language)],
    ['filed (forgotten)', filedCard({ kind: 'forgotten', caseNumber: 'UL-2026-00003' }, language)],
    ['my cases', myCasesCard(cases, language)],
    ...cases.map((value): [string, AdaptiveCard] => [
      `status (${value.state})`,
      statusCard(value, language),
    ]),
    ...cases.flatMap((value): [string, AdaptiveCard][] => [
      [`approval (${value.state})`, approval(value, true)],
      [`approval (${value.state}, no buttons)`, approval(value, false, 'Someone was first')],
    ]),
  ];
}

describe('the cards of the bot', () => {
  it.each(languages)(
    'all parse without problems in the Adaptive Cards library (%s)',
    (language) => {
      const cards = everyCard(language);
      expect(cards.length).toBeGreaterThan(20);
      for (const [name, card] of cards) {
        expect([name, card.version]).toEqual([name, '1.5']);
        expect([name, cardProblems(card)]).toEqual([name, []]);
      }
    },
  );

  it('reports a malformed card, so that the check above can fail', () => {
    expect(
      cardProblems({ type: 'AdaptiveCard', version: '1.5', body: [{ type: 'Bogus' }] }),
    ).not.toEqual([]);
  });

  it('on the personal-chat cards, every button sends data the action schema accepts', () => {
    const json = JSON.stringify([
      welcomeCard('da'),
      summaryCard(newSummary, 'da'),
      summaryCard(forgottenSummary, 'da'),
    ]);
    const datas = [...json.matchAll(/"data":(\{[^}]*\})/g)].map(
      (m) => JSON.parse(m[1]!) as unknown,
    );
    expect(datas.length).toBeGreaterThan(10);
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
    const card = JSON.stringify(summaryCard(newSummary, 'da'));
    expect(card).toContain('010190-****');
    expect(card).not.toMatch(/\d{6}-?\d{4}/);
  });

  it('tells the timeline of a decided and mailed case in order', () => {
    const value = aCaseIn('mail_sent', {
      decision: DECISION,
      mail: { sentAt: '2026-01-02T10:05:00.000Z' },
    });
    const lines = timelineOf(value, 'en');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^Filed/);
    expect(lines[1]).toMatch(/^Approved 2 Jan 2026/);
    expect(lines[2]).toMatch(/^Secure mail sent/);
    const denied = aCaseIn('denied', { decision: { ...DECISION, reason: 'Ikke kontaktperson' } });
    expect(timelineOf(denied, 'da')[1]).toMatch(/Afvist .*: Ikke kontaktperson/);
  });

  it('tells in the timeline and on the status card what could not be done for a case', () => {
    const at = '2026-01-02T10:00:00.000Z';
    const value = aCase({ failures: [{ job: 'postCard', at, reason: 'bot removed (403)' }] });
    const lines = timelineOf(value, 'en');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(/could not be posted to the support channel/);
    expect(JSON.stringify(statusCard(value, 'en'))).toContain(lines[1]);
    expect(JSON.stringify(statusCard(value, 'en'))).not.toContain('403');
  });

  it('names on my cases each case with its kind and state', () => {
    const cases = [aCase(), aCaseIn('denied', { decision: { ...DECISION, reason: 'Nej' } })];
    const card = JSON.stringify(myCasesCard(cases, 'en'));
    for (const value of cases) expect(card).toContain(value.caseNumber);
    expect(card).toContain('Waiting for approval');
    expect(card).toContain('Denied (closed)');
  });
});
