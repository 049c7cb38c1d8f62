import type { Case } from '../../cases/case';

let sequence = 0;

/** A valid stored case with made-up values; override what a test cares about. */
export function aCase(overrides: Partial<Case> = {}): Case {
  sequence += 1;
  return {
    caseNumber: `UL-2026-${String(sequence).padStart(5, '0')}`,
    kind: 'new',
    subject: {
      cprEncrypted: { keyId: 'k1', nonce: 'bm9uY2U=', ciphertext: 'Y2lwaGVy', tag: 'dGFn' },
      cprHash: 'a'.repeat(64),
      cprMasked: '010190-****',
    },
    institution: { cvr: '13748136', recipient: 'Mette Frederiksen' },
    requester: { aadObjectId: 'staff-1', name: 'Staff One' },
    filedAt: new Date(Date.UTC(2026, 0, 1, 0, 0, sequence)).toISOString(),
    state: 'filed',
    ...overrides,
  };
}
