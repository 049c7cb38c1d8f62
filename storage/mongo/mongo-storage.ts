import { MongoClient } from 'mongodb';
import type { CollectionSpec } from '../document-collection';
import type { Storage } from '../storage';
import { MongoAuditLog, type AuditDocument } from './mongo-audit-log';
import { MongoCounter, type CounterSlot } from './mongo-counter';
import { MongoDocumentCollection, type Revision } from './mongo-document-collection';

/** Connects to MongoDB (or a wire-compatible server) and creates the indexes. */
export async function openMongoStorage(uri: string, databaseName?: string): Promise<Storage> {
  const client = new MongoClient(uri, { serverSelectionTimeoutMS: 3000, appName: 'unilogin-bot' });
  await client.connect();
  const db = client.db(databaseName);
  const counter = new MongoCounter(db.collection<CounterSlot>('counters'));
  const audit = new MongoAuditLog(db.collection<AuditDocument>('audit'));
  await counter.createIndexes();
  await audit.createIndexes();

  return {
    kind: 'mongodb',
    counter,
    audit,
    async collection<T>(spec: CollectionSpec<T>) {
      const collection = new MongoDocumentCollection(db.collection<Revision>(spec.name), spec);
      await collection.createIndexes();
      return collection;
    },
    async ping() {
      await db.command({ ping: 1 });
    },
    async close() {
      await client.close();
    },
  };
}
