import type { AuditLog } from '../cases/audit';
import type { UsernameRegistry } from '../cases/credentials';
import type { CaseJobAdder, CaseStore, DigestMarkers, JobQueue, TryCounter } from '../cases/ports';
import { chatsSpec, type ChatDocument } from './chats';
import {
  conversationReferencesSpec,
  type StoredConversationReference,
} from './conversation-references';
import type { DocumentCollection } from './document-collection';
import { DocumentTryCounter, triesSpec } from './document-try-counter';
import { DocumentDigestMarkers, digestMarkersSpec } from './document-digest-markers';
import { DocumentUsernameRegistry, usernamesSpec } from './document-username-registry';
import { openMongoStorage } from './mongo/mongo-storage';
import { openSqliteStorage } from './sqlite/sqlite-storage';
import { settingsSpec } from './settings';
import type { KeyCheck } from '../cases/key-check';
import type { Storage } from './storage';

export type { Storage } from './storage';
export type { StoredConversationReference } from './conversation-references';

/** Everything the bot keeps, opened on the backend that the configuration names. */
export interface Stores {
  storage: Storage;
  cases: CaseStore;
  jobs: JobQueue & CaseJobAdder;
  audit: AuditLog;
  /** Each personal chat's conversation, saved conditionally on the version read. */
  chats: DocumentCollection<ChatDocument>;
  conversationReferences: DocumentCollection<StoredConversationReference>;
  usernames: UsernameRegistry;
  /** Wrong CPR tries of forgotten-login requests, per user and per earlier case. */
  tries: TryCounter;
  /** The bot's own settings: the key check, written once on the first start. */
  settings: DocumentCollection<KeyCheck>;
  /** Which day's digest was posted, or is being posted by which instance. */
  digests: DigestMarkers;
}

/** Where to keep things: MongoDB when a URI is given, else SQLite under the data folder. */
export interface StorageChoice {
  mongodbUri?: string;
  mongodbDatabase?: string;
  dataDir: string;
}

/** Opens the backend and the collections on it. */
export async function openStores(choice: StorageChoice): Promise<Stores> {
  const storage = choice.mongodbUri
    ? await openMongoStorage(choice.mongodbUri, choice.mongodbDatabase)
    : openSqliteStorage(choice.dataDir);
  return {
    storage,
    cases: storage.cases,
    jobs: storage.jobs,
    audit: storage.audit,
    chats: await storage.collection(chatsSpec),
    conversationReferences: await storage.collection(conversationReferencesSpec),
    usernames: new DocumentUsernameRegistry(await storage.collection(usernamesSpec)),
    tries: new DocumentTryCounter(await storage.collection(triesSpec)),
    settings: await storage.collection(settingsSpec),
    digests: new DocumentDigestMarkers(await storage.collection(digestMarkersSpec)),
  };
}
