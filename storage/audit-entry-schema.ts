import { z } from 'zod';
import { personSchema } from '../cases/case';
import type { AuditEntry } from '../cases/ports';

/** The schema of an audit entry, checked on the way in and on the way out. */
export const auditEntrySchema: z.ZodType<AuditEntry> = z.strictObject({
  at: z.iso.datetime(),
  actor: z.union([personSchema, z.strictObject({ system: z.string().min(1) })]),
  action: z.string().min(1),
  caseNumber: z.string().optional(),
  cprHash: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .optional(),
  detail: z.string().optional(),
});
