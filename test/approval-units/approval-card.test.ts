import { approvalCard, type ApprovalView } from '../../cards/approval-card';
import type { Case } from '../../cases/case';
import { aCase } from '../support/case-builder';
import { cardProblems } from '../support/parse-card';

const ANNA = { aadObjectId: 'approver-1', name: 'Anna Approver' };
const APPROVERS = ['approver-1', 'approver-2'];
const DECIDED_AT = '2026-03-02T09:30:00.000Z';

const filed = (overrides: Partial<Case> = {}) =>
  aCase({ caseNumber: 'UL-2026-00042', ...overrides });
const approvedCase = (overrides: Partial<Case> = {}) =>
  filed({
    state: 'approved',
    decision: { outcome: 'approved', by: ANNA, at: DECIDED_AT },
    outbox: { state: 'pending', attempts: 0, nextAttemptAt: DECIDED_AT },
    ...overrides,
  });
const sentCase = () =>
  approvedCase({
    state: 'mail_sent',
    outbox: { state: 'sent', attempts: 1, nextAttemptAt: DECIDED_AT },
    mail: { sentAt: '2026-03-02T09:31:00.000Z' },
  });
const deniedCase = () =>
  filed({
    state: 'denied',
    decision: { outcome: 'denied', by: ANNA, at: DECIDED_AT, reason: 'Forkert institution' },
  });

const card = (value: Case, view: Partial<ApprovalView> = {}) =>
  approvalCard(
    {
      case: value,
      institutionName: 'Solsikkens Skole',
      approverIds: APPROVERS,
      withActions: true,
      ...view,
    },
    'da',
  );

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
  const every = [filed(), approvedCase(), sentCase(), deniedCase()];

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

  it('offers Approve and a Deny card with a required reason for a filed case', () => {
    const json = card(filed());
    expect(verbs(json.actions)).toEqual(['case.approve', 'case.deny']);
    for (const action of ofType(json.actions, 'Action.Execute')) {
      expect(action.data).toEqual({ caseNumber: 'UL-2026-00042' });
    }
    const [showCard] = ofType(json, 'Action.ShowCard');
    expect(verbs(showCard)).toEqual(['case.deny']);
    const inputs = ofType(showCard, 'Input.Text');
    expect(inputs).toEqual([expect.objectContaining({ id: 'reason', isRequired: true })]);
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
    ['approved', approvedCase()],
    ['mail_sent', sentCase()],
    ['denied', deniedCase()],
  ])('offers no buttons for a case in state %s', (_, value) => {
    for (const withActions of [true, false]) {
      const json = card(value, { withActions });
      expect(json.actions).toBeUndefined();
      expect(ofType(json, 'Action.ShowCard')).toEqual([]);
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

  it('says the mail server did not answer when a pending mail has failed before', () => {
    const failed = approvedCase({
      outbox: { state: 'pending', attempts: 1, nextAttemptAt: DECIDED_AT, lastError: 'timeout' },
    });
    expect(texts(card(failed))).toContain(
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
    const forgotten = filed({ kind: 'forgotten', requested: 'password' });
    for (const value of [...every, forgotten]) {
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
