import type { Collection } from 'mongodb';
import {
  checkDocument,
  checkField,
  type CollectionSpec,
  type DocumentCollection,
  type DocumentQuery,
  type StoredDocument,
  type WriteOutcome,
} from '../document-collection';
import { isDuplicateKey } from './duplicate-key';

/** A document as stored: its key, its version and its value as plain fields. */
export interface VersionedDocument {
  _id: string;
  v: number;
  value: Record<string, unknown>;
}

const valuePath = (field: string) => `value.${field}`;

/**
 * Documents with optimistic concurrency, one MongoDB document each. A conditional write is a
 * single update whose filter names the version read: of two racing writers one matches.
 */
export class MongoDocumentCollection<T> implements DocumentCollection<T> {
  constructor(
    private readonly documents: Collection<VersionedDocument>,
    private readonly spec: CollectionSpec<T>,
  ) {}

  /** Creates the indexes that queries need. */
  async createIndexes(): Promise<void> {
    for (const field of this.spec.indexes) {
      await this.documents.createIndex({ [valuePath(checkField(this.spec, field))]: 1 });
    }
  }

  async get(key: string): Promise<StoredDocument<T> | undefined> {
    const found = await this.documents.findOne({ _id: key });
    return found ? this.toStored(found) : undefined;
  }

  async put(key: string, value: T, expectedVersion?: number): Promise<WriteOutcome> {
    const checked = checkDocument(this.spec, value) as Record<string, unknown>;
    if (expectedVersion === undefined) {
      const written = await this.documents.findOneAndUpdate(
        { _id: key },
        { $set: { value: checked }, $inc: { v: 1 } },
        { upsert: true, returnDocument: 'after', projection: { v: 1 } },
      );
      return { ok: true, version: written!.v };
    }
    if (expectedVersion === 0) {
      try {
        await this.documents.insertOne({ _id: key, v: 1, value: checked });
        return { ok: true, version: 1 };
      } catch (error) {
        if (isDuplicateKey(error)) return { ok: false };
        throw error;
      }
    }
    const written = await this.documents.updateOne(
      { _id: key, v: expectedVersion },
      { $set: { value: checked, v: expectedVersion + 1 } },
    );
    return written.matchedCount === 1 ? { ok: true, version: expectedVersion + 1 } : { ok: false };
  }

  async delete(key: string): Promise<void> {
    await this.documents.deleteOne({ _id: key });
  }

  async find(query: DocumentQuery): Promise<StoredDocument<T>[]> {
    const filter: Record<string, unknown> = {};
    for (const [field, wanted] of Object.entries(query.where ?? {})) {
      const path = valuePath(checkField(this.spec, field));
      filter[path] = typeof wanted === 'object' ? { $in: [...wanted.in] } : wanted;
    }
    if (query.before) {
      filter[valuePath(checkField(this.spec, query.before.field))] = { $lt: query.before.value };
    }
    let cursor = this.documents.find(filter);
    if (query.orderBy) {
      const path = valuePath(checkField(this.spec, query.orderBy.field));
      cursor = cursor.sort({ [path]: query.orderBy.direction === 'desc' ? -1 : 1, _id: 1 });
    }
    if (query.limit !== undefined) cursor = cursor.limit(query.limit);
    return (await cursor.toArray()).map((found) => this.toStored(found));
  }

  private toStored(found: VersionedDocument): StoredDocument<T> {
    return { key: found._id, version: found.v, value: checkDocument(this.spec, found.value) };
  }
}
