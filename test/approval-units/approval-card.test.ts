import { approvalCard } from '../../cards/approval-card';
import { approvalViewOf, type ApprovalViewOptions } from '../../cards/approval-view';
import { QUESTION_INPUT } from '../../cards/case-verbs';
import type { Case, CaseIn } from '../../cases/case';
import type { CaseNumber } from '../../cases/case-number';
import { aCase, aCaseIn } from '../support/case-builder';
import { cardProblems } from '../support/parse-card';

const ANNA = { aadObjectId: 'approver-1', name: 'Anna Approver' };
const APPROVERS = ['approver-1', 'approver-2'];
const DECIDED_AT = '2026-03-02T09:30:00.000Z';
const NUMBER = { caseNumber: 'UL-2026-00042' as CaseNumber };
const DECISION = { by: ANNA, at: DECIDED_AT };

const filed = (overrides: Partial<CaseIn<'filed'>> = {}) => aCase({ ...NUMBER, ...overrides });
const approvedCase = () => aCaseIn('approved', { decision: DECISION }, NUMBER);
const sendingCase = (lastError?: string) =>
  aCaseIn(
    'sending',
    { decision: DECISION, attempt: 1, inFlight: !lastError, ...(lastError ? { lastError } : {}) },
    NUMBER,
  );
const sentCase = () =>
  aCaseIn(
    'mail_sent',
    { decision: DECISION, mail: { sentAt: '2026-03-02T09:31:00.000Z', username: 'kbmt4821' } },
    NUMBER,
  );
const waitingCase = () =>
  aCaseIn(
    'info_requested',
    { questions: [{ question: 'Hvem er modtageren?', askedBy: ANNA, askedAt: DECIDED_AT }] },
    NUMBER,
  );
const deniedCase = () =>
  aCaseIn('denied', { decision: { ...DECISION, reason: 'Forkert institution' } }, NUMBER);
const forgottenCase = () =>
  filed({
    request: {
      kind: 'forgotten',
      earlierCaseNumber: 'UL-2026-00007' as CaseNumber,
      requested: 'password',
    },
  });

const view = (value: Case, options: Partial<ApprovalViewOptions> = {}) =>
  approvalViewOf(value, {
    institutionName: 'Solsikkens Skole',
    approverIds: APPROVERS,
    withActions: true,
    earlierCases: [],
    ...options,
  });
const card = (value: Case, options: Partial<ApprovalViewOptions> = {}) =>
  approvalCard(view(value, options), 'da');

/** Every object in the card, depth first. */
function nodes(value: unknown): Record<string, unknown>[] {
  if (Array.isArray(value)) return value.flatMap(nodes);
  if (value && typeof value === 'object') {
    const node = value as Record<string, unknown>;
    return [node, ...Object.values(node).flatMap(nodes)];
  }
  return [];
}
/** The texts a reader sees in the body: text blocks and fact values. */
const texts = (json: unknown) =>
  nodes(json).flatMap((n) =>
    n.type === 'TextBlock' ? [String(n.text)] : n.title && 'value' in n ? [String(n.value)] : [],
  );
const ofType = (json: unknown, type: string) => nodes(json).filter((n) => n.type === type);
const verbs = (json: unknown) => ofType(json, 'Action.Execute').map((a) => a.verb);

describe('approvalCard', () => {
  const every = [
    filed(),
    forgottenCase(),
    waitingCase(),
    approvedCase(),
    sendingCase(),
    sendingCase('timeout'),
    sentCase(),
    deniedCase(),
  ];

  it('parses without problems in the Adaptive Cards library, in every state', () => {
    for (const value of every) {
      for (const withActions of [true, false]) {
        expect(cardProblems(card(value, { withActions }))).toEqual([]);
      }
    }
    expect(cardProblems(card(filed(), { institutionName: undefined, notice: 'N' }))).toEqual([]);
  });

  it('is an Adaptive Card of version 1.5', () => {
    expect(card(filed())).toMatchObject({ type: 'AdaptiveCard', version: '1.5' });
  });

  it('refreshes with verb case.refresh for the case, for the approvers', () => {
    expect(card(filed()).refresh).toEqual({
      action: {
        type: 'Action.Execute',
        verb: 'case.refresh',
        data: { caseNumber: 'UL-2026-00042' },
      },
      userIds: APPROVERS,
    });
  });

  it('names at most 60 users to refresh for, out of 100 approvers', () => {
    const ids = Array.from({ length: 100 }, (_, i) => `approver-${i}`);
    const userIds = card(filed(), { approverIds: ids }).refresh?.userIds as string[];
    expect(userIds).toHaveLength(60);
    expect(ids).toEqual(expect.arrayContaining(userIds));
  });

  it('offers Approve, a Deny card with a required reason and an Ask card with a required question for a filed case', () => {
    const json = card(filed());
    expect(verbs(json.actions)).toEqual(['case.approve', 'case.deny', 'case.ask']);
    for (const action of ofType(json.actions, 'Action.Execute')) {
      expect(action.data).toEqual({ caseNumber: 'UL-2026-00042' });
    }
    const [denyCard, askCard] = ofType(json, 'Action.ShowCard');
    expect(verbs(denyCard)).toEqual(['case.deny']);
    expect(ofType(denyCard, 'Input.Text')).toEqual([
      expect.objectContaining({ id: 'reason', isRequired: true }),
    ]);
    expect(verbs(askCard)).toEqual(['case.ask']);
    expect(ofType(askCard, 'Input.Text')).toEqual([
      expect.objectContaining({ id: QUESTION_INPUT, isRequired: true }),
    ]);
  });

  it('offers neither Approve nor Deny without withActions', () => {
    const json = card(filed(), { withActions: false });
    expect(verbs(json)).not.toContain('case.approve');
    expect(verbs(json)).not.toContain('case.deny');
    expect(ofType(json, 'Action.ShowCard')).toEqual([]);
  });

  it('offers only a button that asks for the decision view on a filed card without actions', () => {
    const json = card(filed(), { withActions: false });
    expect(json.actions).toEqual([
      expect.objectContaining({
        type: 'Action.Execute',
        verb: 'case.refresh',
        data: { caseNumber: 'UL-2026-00042' },
      }),
    ]);
  });

  it.each([
    ['info_requested', waitingCase()],
    ['approved', approvedCase()],
    ['sending', sendingCase()],
    ['mail_sent', sentCase()],
    ['denied', deniedCase()],
  ])('offers no buttons for a case in state %s', (_, value) => {
    for (const withActions of [true, false]) {
      const json = card(value, { withActions });
      expect(json.actions).toBeUndefined();
      expect(ofType(json, 'Action.ShowCard')).toEqual([]);
    }
  });

  it('names a forgotten login with what is asked for and the earlier case', () => {
    expect(texts(card(forgottenCase()))).toContain(
      'Glemt login: Ny adgangskode (tidligere sag UL-2026-00007)',
    );
    expect(texts(card(filed()))).toContain('Nyt Unilogin');
  });

  it('lists each side effect that could not succeed, without its technical reason', () => {
    const failures = [
      { job: 'postCard' as const, at: DECIDED_AT, reason: 'Forbidden: bot removed' },
      { job: 'tellRequester' as const, at: DECIDED_AT, reason: 'NotFound: conversation' },
    ];
    const lines = texts(card(filed({ failures })));
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^Sagen kunne ikke lægges i supportkanalen \(.+\)/),
        expect.stringMatching(/^Beskeden til den, der oprettede sagen, kunne ikke leveres/),
      ]),
    );
    expect(JSON.stringify(card(filed({ failures })))).not.toMatch(/Forbidden|NotFound/);
  });

  it('builds a view that carries neither the CPR ciphertext nor its hash', () => {
    for (const value of every) {
      const flat = JSON.stringify(view(value));
      expect(flat).not.toContain('Y2lwaGVy');
      expect(flat).not.toContain('a'.repeat(64));
      expect(flat).not.toContain('cprEncrypted');
      expect(view(value).cprMasked).toBe('010190-****');
    }
  });

  it('shows the CPR number masked and nothing more of it', () => {
    const json = card(filed());
    expect(texts(json)).toContain('010190-****');
    expect(JSON.stringify(json)).not.toMatch(/\d{6}-?\d{4}/);
    expect(JSON.stringify(json)).not.toContain('Y2lwaGVy');
    expect(JSON.stringify(json)).not.toContain('a'.repeat(64));
  });

  it('warns when the institution is not in the directory', () => {
    const unknown = texts(card(filed(), { institutionName: undefined }));
    expect(unknown).toContain(
      'CVR-nummeret findes ikke i institutionsregisteret. Sagen kan ikke godkendes, før institutionen er tilføjet.',
    );
    expect(texts(card(filed())).join('\n')).not.toContain('findes ikke');
  });

  it('shows who approved it and that the mail is pending', () => {
    const lines = texts(card(approvedCase()));
    expect(lines).toEqual(
      expect.arrayContaining([expect.stringMatching(/^Godkendt af Anna Approver /)]),
    );
    expect(lines).toContain('Sikker mail afventer afsendelse.');
  });

  it('says the mail waits while it is sent, and that the server did not answer once an attempt failed', () => {
    expect(texts(card(sendingCase()))).toContain('Sikker mail afventer afsendelse.');
    expect(texts(card(sendingCase('timeout')))).toContain(
      'Sikker mail afventer: serveren svarede ikke, jeg prøver igen.',
    );
  });

  it('shows who denied it and why, and no mail line', () => {
    const lines = texts(card(deniedCase()));
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^Afvist af Anna Approver .*: Forkert institution$/),
      ]),
    );
    expect(lines.join('\n')).not.toContain('Sikker mail');
  });

  it('shows to whom and to which institution the secure mail was sent', () => {
    const lines = texts(card(sentCase()));
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^Sikker mail sendt til Mette Frederiksen, Solsikkens Skole, /),
      ]),
    );
    expect(lines).not.toContain('Sikker mail afventer afsendelse.');
  });

  it('shows no decision line for a filed case', () => {
    const lines = texts(card(filed())).join('\n');
    expect(lines).not.toMatch(/Godkendt af|Afvist af|Sikker mail/);
  });

  it('shows a notice at the top when given', () => {
    const json = card(filed(), { notice: 'Sagen er allerede afgjort.' });
    expect(json.body[0]).toMatchObject({ type: 'TextBlock', text: 'Sagen er allerede afgjort.' });
    expect(texts(card(filed()))).not.toContain('Sagen er allerede afgjort.');
  });

  it('has no password-like field', () => {
    for (const value of every) {
      const json = card(value);
      const inputs = nodes(json).filter((n) => String(n.type).startsWith('Input.'));
      expect(
        inputs.filter((n) => n.style === 'Password' || /pass|kode/i.test(String(n.id))),
      ).toEqual([]);
      const titles = nodes(json).flatMap((n) => (n.title && 'value' in n ? [String(n.title)] : []));
      expect(titles.filter((title) => /password|adgangskode/i.test(title))).toEqual([]);
      expect(JSON.stringify(json)).not.toMatch(/Adgangskode:/);
    }
  });
});
