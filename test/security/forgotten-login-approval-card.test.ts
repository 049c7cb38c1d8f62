import { approvalCard } from '../../cards/approval-card';
import { approvalViewOf, type ApprovalViewOptions } from '../../cards/approval-view';
import { oracleAlertCard } from '../../cards/oracle-alert-card';
import type { Case } from '../../cases/case';
import type { CaseNumber } from '../../cases/case-number';
import { text } from '../../texts';
import { aCase } from '../support/case-builder';
import { cardProblems } from '../support/parse-card';

const forgotten = (): Case =>
  aCase({
    caseNumber: 'UL-2026-00042' as CaseNumber,
    request: {
      kind: 'forgotten',
      earlierCaseNumber: 'UL-2026-00007' as CaseNumber,
      requested: 'password',
    },
  });

const card = (value: Case, options: Partial<ApprovalViewOptions> = {}) =>
  approvalCard(
    approvalViewOf(value, {
      institutionName: 'Solsikkens Skole',
      approverIds: ['approver-1'],
      withActions: true,
      earlierCases: [],
      ...options,
    }),
    'da',
  );

/** The texts a reader sees: text blocks and facts as "title: value". */
function seen(json: unknown): string[] {
  if (Array.isArray(json)) return json.flatMap(seen);
  if (!json || typeof json !== 'object') return [];
  const node = json as Record<string, unknown>;
  const own =
    node.type === 'TextBlock'
      ? [String(node.text)]
      : 'title' in node && 'value' in node
        ? [`${String(node.title)}: ${String(node.value)}`]
        : [];
  return [...own, ...Object.values(node).flatMap(seen)];
}

const warning = text('da', 'approval.earlierInstitutionDiffers');
const label = text('da', 'approval.earlierInstitution');

describe("a forgotten login's approval card", () => {
  it("shows the earlier case's institution by name and CVR, with no warning when it is the same", () => {
    const value = forgotten();
    const json = card(value, {
      earlierInstitution: { cvr: value.institution.cvr, name: 'Solsikkens Skole (fiktiv)' },
    });
    expect(seen(json)).toContain(`${label}: Solsikkens Skole (fiktiv) (${value.institution.cvr})`);
    expect(seen(json)).not.toContain(warning);
    expect(cardProblems(json)).toEqual([]);
  });

  it('warns when the earlier case belongs to another institution', () => {
    const json = card(forgotten(), {
      earlierInstitution: { cvr: '29403473', name: 'Nørrevang Skole (fiktiv)' },
    });
    expect(seen(json)).toContain(`${label}: Nørrevang Skole (fiktiv) (29403473)`);
    expect(seen(json)).toContain(warning);
    expect(cardProblems(json)).toEqual([]);
  });

  it('shows a dash when the earlier case is not found, and nothing of it for a new login', () => {
    expect(seen(card(forgotten()))).toContain(`${label}: —`);
    expect(seen(card(aCase())).some((line) => line.startsWith(label))).toBe(false);
  });
});

describe('the alert card of a locked earlier case', () => {
  const view = {
    earlierCaseNumber: 'UL-2026-00007',
    caseTries: 5,
    userTries: 5,
    at: '2026-03-02T09:30:00.000Z',
    lockedUntil: '2026-03-03T09:30:00.000Z',
    by: { name: 'Mads Angriber', aadObjectId: 'aad-attacker-1' },
  };

  it('names the earlier case, the count, the time and who tried, and parses', () => {
    const json = oracleAlertCard(view, 'da');
    const lines = seen(json).join('\n');
    expect(lines).toContain('UL-2026-00007');
    expect(lines).toContain(`${text('da', 'alert.caseTries')}: 5`);
    expect(lines).toContain('Mads Angriber (aad-attacker-1)');
    expect(lines).toMatch(/2\. mar\.? 2026/);
    expect(cardProblems(json)).toEqual([]);
  });
});
