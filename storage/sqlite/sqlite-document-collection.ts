import type Database from 'better-sqlite3';
import { statement } from './statements';
import {
  checkDocument,
  checkField,
  type CollectionSpec,
  type DocumentCollection,
  type DocumentQuery,
  type FieldValue,
  type StoredDocument,
  type WriteOutcome,
} from '../document-collection';

interface Row {
  key: string;
  version: number;
  value: string;
}

const bindable = (v: FieldValue): string | number => (typeof v === 'boolean' ? Number(v) : v);

/** Documents in one SQLite table shared by all collections; versions change in one statement. */
export class SqliteDocumentCollection<T> implements DocumentCollection<T> {
  constructor(
    private readonly db: Database.Database,
    private readonly spec: CollectionSpec<T>,
  ) {
    if (!/^[a-z_]+$/.test(spec.name)) throw new Error(`bad collection name: ${spec.name}`);
    for (const field of spec.indexes) {
      const suffix = `${spec.name}_${field.replace(/\./g, '_')}`;
      // Partial, so that writes to other collections (bot state on every turn) skip it.
      db.exec(`DROP INDEX IF EXISTS "ix_${suffix}"`);
      db.exec(
        `CREATE INDEX IF NOT EXISTS "px_${suffix}" ON documents(json_extract(value, '$.${checkField(spec, field)}'))
           WHERE collection = '${spec.name}'`,
      );
    }
  }

  async get(key: string): Promise<StoredDocument<T> | undefined> {
    const row = statement(
      this.db,
      'SELECT key, version, value FROM documents WHERE collection = ? AND key = ?',
    ).get(this.spec.name, key) as Row | undefined;
    return row && this.toStored(row);
  }

  async put(key: string, value: T, expectedVersion?: number): Promise<WriteOutcome> {
    const json = JSON.stringify(checkDocument(this.spec, value));
    const row = this.write(key, json, expectedVersion);
    return row ? { ok: true, version: row.version } : { ok: false };
  }

  async delete(key: string): Promise<void> {
    statement(this.db, 'DELETE FROM documents WHERE collection = ? AND key = ?').run(
      this.spec.name,
      key,
    );
  }

  async find(query: DocumentQuery): Promise<StoredDocument<T>[]> {
    // The name is written out, not bound, so that SQLite can use the partial indexes.
    const clauses = [`collection = '${this.spec.name}'`];
    const params: (string | number)[] = [];
    for (const [field, wanted] of Object.entries(query.where ?? {})) {
      const path = `json_extract(value, '$.${checkField(this.spec, field)}')`;
      const values = typeof wanted === 'object' ? wanted.in : [wanted];
      clauses.push(`${path} IN (${values.map(() => '?').join(', ') || 'NULL'})`);
      params.push(...values.map(bindable));
    }
    if (query.before) {
      clauses.push(`json_extract(value, '$.${checkField(this.spec, query.before.field)}') < ?`);
      params.push(query.before.value);
    }
    let sql = `SELECT key, version, value FROM documents WHERE ${clauses.join(' AND ')}`;
    if (query.orderBy) {
      const field = checkField(this.spec, query.orderBy.field);
      sql += ` ORDER BY json_extract(value, '$.${field}') ${query.orderBy.direction === 'desc' ? 'DESC' : 'ASC'}`;
    }
    if (query.limit !== undefined) {
      sql += ' LIMIT ?';
      params.push(query.limit);
    }
    const rows = statement(this.db, sql).all(...params) as Row[];
    return rows.map((row) => this.toStored(row));
  }

  private write(
    key: string,
    json: string,
    expectedVersion?: number,
  ): { version: number } | undefined {
    const name = this.spec.name;
    if (expectedVersion === undefined) {
      return statement(
        this.db,
        `INSERT INTO documents (collection, key, version, value) VALUES (?, ?, 1, ?)
           ON CONFLICT (collection, key) DO UPDATE SET version = version + 1, value = excluded.value
           RETURNING version`,
      ).get(name, key, json) as { version: number };
    }
    if (expectedVersion === 0) {
      return statement(
        this.db,
        `INSERT INTO documents (collection, key, version, value) VALUES (?, ?, 1, ?)
           ON CONFLICT DO NOTHING RETURNING version`,
      ).get(name, key, json) as { version: number } | undefined;
    }
    return statement(
      this.db,
      `UPDATE documents SET version = version + 1, value = ?
         WHERE collection = ? AND key = ? AND version = ? RETURNING version`,
    ).get(json, name, key, expectedVersion) as { version: number } | undefined;
  }

  private toStored(row: Row): StoredDocument<T> {
    const value = checkDocument(this.spec, JSON.parse(row.value));
    return { key: row.key, version: row.version, value };
  }
}
