import type { Collection, ObjectId } from 'mongodb';
import type { AuditEntry, AuditLog } from '../../cases/ports';
import { auditEntrySchema } from '../audit-entry-schema';

/** An audit entry as stored: the entry and its insertion id, which orders entries of one writer. */
export type AuditDocument = AuditEntry & { _id?: ObjectId };

/** The audit log as a MongoDB collection that this code only ever inserts into. */
export class MongoAuditLog implements AuditLog {
  constructor(private readonly entries: Collection<AuditDocument>) {}

  async createIndexes(): Promise<void> {
    await this.entries.createIndex({ caseNumber: 1, at: 1 });
  }

  async append(entry: AuditEntry): Promise<void> {
    await this.entries.insertOne({ ...auditEntrySchema.parse(entry) });
  }

  async forCase(caseNumber: string): Promise<AuditEntry[]> {
    const found = await this.entries.find({ caseNumber }).sort({ at: 1, _id: 1 }).toArray();
    return found.map(({ _id, ...entry }) => auditEntrySchema.parse(entry));
  }
}
