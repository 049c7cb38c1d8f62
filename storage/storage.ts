import type { AuditLog } from '../cases/audit';
import type { CaseJobAdder, CaseStore, JobQueue } from '../cases/ports';
import type { CollectionSpec, DocumentCollection } from './document-collection';

/** One storage backend: everything the bot keeps, behind technology-neutral interfaces. */
export interface Storage {
  readonly kind: 'mongodb' | 'sqlite';
  readonly cases: CaseStore;
  readonly jobs: JobQueue & CaseJobAdder;
  readonly audit: AuditLog;
  collection<T>(spec: CollectionSpec<T>): Promise<DocumentCollection<T>>;
  /** Resolves when the store answers; rejects when it does not. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
