import type { Collection } from 'mongodb';
import type { WriteOutcome } from '../../cases/ports';
import {
  checkDocument,
  checkField,
  type CollectionSpec,
  type DocumentCollection,
  type DocumentQuery,
  type FieldValue,
  type StoredDocument,
} from '../document-collection';
import { isDuplicateKey } from './duplicate-key';

/** One stored revision of a document: its key, version, JSON body and indexed field values. */
export interface Revision {
  _id: string;
  k: string;
  v: number;
  j: string;
  f: Record<string, FieldValue | null>;
}

const fieldKey = (field: string) => `f.${field.replace(/\./g, '_')}`;

function valueAt(value: unknown, path: string): FieldValue | null {
  let current: unknown = value;
  for (const part of path.split('.')) {
    current =
      current && typeof current === 'object'
        ? (current as Record<string, unknown>)[part]
        : undefined;
  }
  return typeof current === 'string' || typeof current === 'number' || typeof current === 'boolean'
    ? current
    : null;
}

/**
 * Documents kept as immutable revisions, one MongoDB document each, keyed by (key, version).
 * A write is the insert of the next revision, so the unique `_id` decides a race: this needs
 * nothing but single-document atomic inserts, which every MongoDB-compatible server keeps
 * (FerretDB 1.x, for one, does not make an update's match-and-write atomic). Older revisions
 * are deleted once a newer one stands; a reader always takes the highest version.
 */
export class MongoDocumentCollection<T> implements DocumentCollection<T> {
  constructor(
    private readonly revisions: Collection<Revision>,
    private readonly spec: CollectionSpec<T>,
  ) {}

  /** Creates the indexes that reads and queries need. */
  async createIndexes(): Promise<void> {
    await this.revisions.createIndex({ k: 1, v: -1 });
    for (const field of this.spec.indexes) {
      await this.revisions.createIndex({ [fieldKey(checkField(this.spec, field))]: 1 });
    }
  }

  async get(key: string): Promise<StoredDocument<T> | undefined> {
    const latest = await this.revisions.findOne({ k: key }, { sort: { v: -1 } });
    return latest ? this.toStored(latest) : undefined;
  }

  async put(key: string, value: T, expectedVersion?: number): Promise<WriteOutcome> {
    const checked = checkDocument(this.spec, value);
    const body = { j: JSON.stringify(checked), f: this.indexedValues(checked) };
    for (;;) {
      const current = await this.latestVersion(key);
      if (expectedVersion !== undefined && current !== expectedVersion) return { ok: false };
      const version = current + 1;
      const outcome = await this.insertRevision(key, version, body);
      if (outcome === 'won') return { ok: true, version };
      if (expectedVersion !== undefined) return { ok: false };
    }
  }

  async delete(key: string): Promise<void> {
    await this.revisions.deleteMany({ k: key });
  }

  async find(query: DocumentQuery): Promise<StoredDocument<T>[]> {
    const filter: Record<string, unknown> = {};
    for (const [field, wanted] of Object.entries(query.where ?? {})) {
      const path = fieldKey(checkField(this.spec, field));
      filter[path] = typeof wanted === 'object' ? { $in: [...wanted.in] } : wanted;
    }
    let cursor = this.revisions.find(filter);
    if (query.orderBy) {
      const path = fieldKey(checkField(this.spec, query.orderBy.field));
      cursor = cursor.sort({ [path]: query.orderBy.direction === 'desc' ? -1 : 1, k: 1 });
    }
    // A revision that a newer one has just replaced may still match; fetch a margin and drop it.
    if (query.limit !== undefined) cursor = cursor.limit(query.limit * 2 + 10);
    const found = await cursor.toArray();
    const current = await this.currentVersions(found.map((r) => r.k));
    const live = found.filter((r) => current.get(r.k) === r.v);
    return live.slice(0, query.limit ?? live.length).map((r) => this.toStored(r));
  }

  private async insertRevision(
    key: string,
    version: number,
    body: Pick<Revision, 'j' | 'f'>,
  ): Promise<'won' | 'lost'> {
    const _id = `${version}|${key}`;
    try {
      await this.revisions.insertOne({ _id, k: key, v: version, ...body });
    } catch (error) {
      if (isDuplicateKey(error)) return 'lost';
      throw error;
    }
    // The slot may have been free only because a newer revision had already pruned it.
    if ((await this.latestVersion(key)) !== version) {
      await this.revisions.deleteOne({ _id });
      return 'lost';
    }
    await this.revisions.deleteMany({ k: key, v: { $lt: version } });
    return 'won';
  }

  private async latestVersion(key: string): Promise<number> {
    const latest = await this.revisions.findOne(
      { k: key },
      { sort: { v: -1 }, projection: { v: 1 } },
    );
    return latest?.v ?? 0;
  }

  private async currentVersions(keys: string[]): Promise<Map<string, number>> {
    const versions = new Map<string, number>();
    if (keys.length === 0) return versions;
    const all = this.revisions.find(
      { k: { $in: [...new Set(keys)] } },
      { projection: { k: 1, v: 1 } },
    );
    for await (const r of all) versions.set(r.k, Math.max(versions.get(r.k) ?? 0, r.v));
    return versions;
  }

  private indexedValues(value: T): Revision['f'] {
    const f: Revision['f'] = {};
    for (const field of this.spec.indexes) f[field.replace(/\./g, '_')] = valueAt(value, field);
    return f;
  }

  private toStored(revision: Revision): StoredDocument<T> {
    const value = checkDocument(this.spec, JSON.parse(revision.j));
    return { key: revision.k, version: revision.v, value };
  }
}
