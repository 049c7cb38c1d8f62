import { MongoClient } from 'mongodb';
import type { CollectionSpec } from '../document-collection';
import type { Storage } from '../storage';
import { migrateLegacyRevisions } from './legacy-revisions';
import { MongoAuditLog, type AuditDocument } from './mongo-audit-log';
import { MongoCaseStore, type CaseDocument } from './mongo-case-store';
import { MongoCounter, type CounterDocument } from './mongo-counter';
import { MongoDocumentCollection, type VersionedDocument } from './mongo-document-collection';
import { MongoJobQueue } from './mongo-job-queue';

/** The collections the version before kept as revision documents. */
const LEGACY_COLLECTIONS = ['cases', 'bot_state', 'conversation_references', 'usernames'];

/**
 * Connects to MongoDB (or a wire-compatible server), moves data kept by the version before
 * into today's layout, and creates the indexes. Writes wait for a majority of the replica set
 * unless the URI names another write concern.
 */
export async function openMongoStorage(
  uri: string,
  databaseName?: string,
  now: () => Date = () => new Date(),
): Promise<Storage> {
  const client = new MongoClient(uri, {
    serverSelectionTimeoutMS: 3000,
    appName: 'unilogin-bot',
    ...(/[?&]w=/.test(uri) ? {} : { writeConcern: { w: 'majority' } }),
  });
  await client.connect();
  const db = client.db(databaseName);
  await migrateLegacyRevisions(db, LEGACY_COLLECTIONS, now());
  const caseDocuments = db.collection<CaseDocument>('cases');
  const cases = new MongoCaseStore(
    caseDocuments,
    new MongoCounter(db.collection<CounterDocument>('counters')),
  );
  const audit = new MongoAuditLog(db.collection<AuditDocument>('audit'));
  await cases.createIndexes();
  await audit.createIndexes();

  return {
    kind: 'mongodb',
    cases,
    jobs: new MongoJobQueue(caseDocuments),
    audit,
    async collection<T>(spec: CollectionSpec<T>) {
      const documents = db.collection<VersionedDocument>(spec.name);
      const collection = new MongoDocumentCollection(documents, spec);
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
