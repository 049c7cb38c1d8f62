import type { Collection, Db, OptionalUnlessRequiredId } from 'mongodb';
import { migrateLegacyCase, migratedJobs } from '../legacy-case';
import { isDuplicateKey } from './duplicate-key';
import { toDocument } from './mongo-case-store';
import type { VersionedDocument } from './mongo-document-collection';

/** A document revision as the version before kept them: key, version, JSON body. */
interface Revision {
  _id: string;
  k: string;
  v: number;
  j: string;
}

const LEGACY = { k: { $exists: true }, j: { $exists: true } };

/** The newest revision of each key among a collection's legacy revisions. */
async function newestRevisions(collection: Collection<{ _id: string }>): Promise<Revision[]> {
  const newest = new Map<string, Revision>();
  for await (const revision of collection.find<Revision>(LEGACY)) {
    const known = newest.get(revision.k);
    if (!known || known.v < revision.v) newest.set(revision.k, revision);
  }
  return [...newest.values()];
}

async function insertOnce<T extends { _id: string }>(
  collection: Collection<T>,
  document: OptionalUnlessRequiredId<T>,
): Promise<void> {
  try {
    await collection.insertOne(document);
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
  }
}

/**
 * Moves what the version before kept as revision documents into one plain document per key,
 * and cases into today's layout with the jobs they were still waiting for. Each key's new
 * document is written before its revisions are removed, so a crash midway loses nothing and
 * the next start finishes the move. Instances of the version before must be stopped first.
 */
export async function migrateLegacyRevisions(
  db: Db,
  collections: readonly string[],
  now: Date,
): Promise<number> {
  // Once done, a marker says so: the search for revisions scans every collection unindexed.
  const markers = db.collection<{ _id: string; at: Date }>('storage_layout');
  if (await markers.findOne({ _id: LAYOUT_MARKER })) return 0;
  let moved = 0;
  for (const name of collections) {
    const collection = db.collection<{ _id: string }>(name);
    for (const revision of await newestRevisions(collection)) {
      const body: unknown = JSON.parse(revision.j);
      if (name === 'cases') {
        const migrated = migrateLegacyCase(body);
        await insertOnce(collection, toDocument(migrated.value, migratedJobs(migrated, now)));
      } else {
        const document: VersionedDocument = {
          _id: revision.k,
          v: revision.v,
          value: body as Record<string, unknown>,
        };
        await insertOnce(collection, document);
      }
      await collection.deleteMany({ k: revision.k, j: { $exists: true } });
      moved++;
    }
  }
  await insertOnce(markers, { _id: LAYOUT_MARKER, at: now });
  return moved;
}

/** The marker that the revision documents of the version before have all been moved. */
const LAYOUT_MARKER = 'plain-documents-v1';
