import type { Collection } from 'mongodb';
import { auditEntrySchema, type AuditEntry, type AuditLog } from '../../cases/audit';
import { isDuplicateKey } from './duplicate-key';

/** An audit entry as stored, with the id of the job that wrote it, if one did. */
export type AuditDocument = AuditEntry & { _id?: string };

/** The audit log as a MongoDB collection that this code only ever inserts into. */
export class MongoAuditLog implements AuditLog {
  constructor(private readonly entries: Collection<AuditDocument>) {}

  async createIndexes(): Promise<void> {
    await this.entries.createIndex({ caseNumber: 1, at: 1 });
    await this.entries.createIndex({ cprHash: 1, at: 1 });
  }

  async append(entry: AuditEntry, id?: string): Promise<void> {
    const checked = auditEntrySchema.parse(entry);
    try {
      // An entry with an id is written once, however often its job runs.
      await this.entries.insertOne(id === undefined ? { ...checked } : { ...checked, _id: id });
    } catch (error) {
      if (!isDuplicateKey(error) || id === undefined) throw error;
    }
  }

  async forCase(caseNumber: string): Promise<AuditEntry[]> {
    const found = await this.entries.find({ caseNumber }).sort({ at: 1, _id: 1 }).toArray();
    return found.map(({ _id, ...entry }) => auditEntrySchema.parse(entry));
  }

  async forSubject(cprHash: string, caseNumbers: readonly string[]): Promise<AuditEntry[]> {
    const found = await this.entries
      .find({ $or: [{ cprHash }, { caseNumber: { $in: [...caseNumbers] } }] })
      .sort({ at: 1, _id: 1 })
      .toArray();
    return found.map(({ _id, ...entry }) => auditEntrySchema.parse(entry));
  }
}
