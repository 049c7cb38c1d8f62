import { caseSchema, type Case, type CaseIn } from '../../cases/case';
import type { CaseNumber } from '../../cases/case-number';
import type { Cvr } from '../../cases/cvr';

let sequence = 0;

/** A case number that no other test case has (in this process). */
export function aCaseNumber(): CaseNumber {
  sequence += 1;
  return `UL-2026-${String(sequence).padStart(5, '0')}` as CaseNumber;
}

/** A valid filed case with made-up values; override what a test cares about. */
export function aCase(overrides: Partial<CaseIn<'filed'>> = {}): CaseIn<'filed'> {
  const caseNumber = aCaseNumber();
  return {
    caseNumber,
    request: { kind: 'new' },
    subject: {
      cprEncrypted: { keyId: 'k1', nonce: 'bm9uY2U=', ciphertext: 'Y2lwaGVy', tag: 'dGFn' },
      cprHash: 'a'.repeat(64),
      cprMasked: '010190-****',
    },
    institution: { cvr: '13748136' as Cvr, recipient: 'Mette Frederiksen' },
    requester: { aadObjectId: 'staff-1', name: 'Staff One' },
    filedAt: new Date(Date.UTC(2026, 0, 1, 0, 0, sequence % 60, sequence)).toISOString(),
    failures: [],
    state: 'filed',
    ...overrides,
  };
}

/** A case moved on to another state, with the fields that state carries. */
export function aCaseIn<S extends Case['state']>(
  state: S,
  fields: Omit<CaseIn<S>, keyof CaseIn<'filed'>>,
  overrides: Partial<CaseIn<'filed'>> = {},
): CaseIn<S> {
  return caseSchema.parse({ ...aCase(overrides), state, ...fields }) as CaseIn<S>;
}
