import type { AuditLog } from '../cases/ports';
import type { CollectionSpec, Counter, DocumentCollection } from './document-collection';

/** One storage backend: everything the bot keeps, behind technology-neutral interfaces. */
export interface Storage {
  readonly kind: 'mongodb' | 'sqlite';
  collection<T>(spec: CollectionSpec<T>): Promise<DocumentCollection<T>>;
  readonly counter: Counter;
  readonly audit: AuditLog;
  /** Resolves when the store answers; rejects when it does not. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
