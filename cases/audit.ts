import { z } from 'zod';
import { personSchema } from './case';

/** One line of the audit log: who did what to which case, and when. */
export const auditEntrySchema = z.strictObject({
  at: z.iso.datetime(),
  actor: z.union([personSchema, z.strictObject({ system: z.string().min(1) })]),
  action: z.string().min(1).max(100),
  caseNumber: z.string().max(40).optional(),
  /** The keyed hash of a CPR, never the CPR itself. */
  cprHash: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .optional(),
  detail: z.string().max(600).optional(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

/** The append-only audit log. */
export interface AuditLog {
  /**
   * Appends an entry. With an `id`, appending the same id again adds nothing, so that a
   * retried job writes its entry once.
   */
  append(entry: AuditEntry, id?: string): Promise<void>;
  forCase(caseNumber: string): Promise<AuditEntry[]>;
  /** Entries that name one of the cases or carry the CPR hash, oldest first, each once. */
  forSubject(cprHash: string, caseNumbers: readonly string[]): Promise<AuditEntry[]>;
}
