import type { z } from 'zod';

/** A primitive that an indexed field can be compared with. */
export type FieldValue = string | number | boolean;

/** An equality filter (or a list of alternatives) on indexed fields, with an optional order. */
export interface DocumentQuery {
  where?: Record<string, FieldValue | { in: readonly FieldValue[] }>;
  /** Only documents whose indexed `field` is below `value` (ISO times compare as text). */
  before?: { field: string; value: string };
  orderBy?: { field: string; direction: 'asc' | 'desc' };
  limit?: number;
}

/** What a collection holds: its name, the schema every document must pass, its indexed fields. */
export interface CollectionSpec<T> {
  name: string;
  schema: z.ZodType<T>;
  /** Dot paths of the fields that queries may filter and sort on. */
  indexes: readonly string[];
}

/** A stored value with the version that a conditional write must name. */
export interface Versioned<T> {
  value: T;
  version: number;
}

/** The outcome of a conditional write. */
export type WriteOutcome = { ok: true; version: number } | { ok: false };

/** A stored document and its key. */
export interface StoredDocument<T> extends Versioned<T> {
  key: string;
}

/**
 * Documents with optimistic concurrency.
 * `expectedVersion` undefined overwrites; 0 creates only; n writes only over version n.
 */
export interface DocumentCollection<T> {
  get(key: string): Promise<StoredDocument<T> | undefined>;
  put(key: string, value: T, expectedVersion?: number): Promise<WriteOutcome>;
  delete(key: string): Promise<void>;
  find(query: DocumentQuery): Promise<StoredDocument<T>[]>;
}

/** Thrown when a document fails its collection's schema; nothing was written. */
export class InvalidDocumentError extends Error {
  constructor(collection: string, issues: string) {
    super(`document refused by the schema of ${collection}: ${issues}`);
    this.name = 'InvalidDocumentError';
  }
}

/** Parses a value against a collection's schema, naming the collection on failure. */
export function checkDocument<T>(spec: CollectionSpec<T>, value: unknown): T {
  const parsed = spec.schema.safeParse(value);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new InvalidDocumentError(spec.name, issues.join('; '));
  }
  return parsed.data;
}

/** Refuses a field that the collection does not index, so that queries never scan or inject. */
export function checkField(spec: CollectionSpec<unknown>, field: string): string {
  if (!spec.indexes.includes(field) || !/^[A-Za-z0-9_.]+$/.test(field)) {
    throw new Error(`${spec.name} has no index on ${field}`);
  }
  return field;
}
