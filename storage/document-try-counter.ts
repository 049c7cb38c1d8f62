import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import type { TryCounter, TryRecord } from '../cases/ports';
import type { CollectionSpec, DocumentCollection } from './document-collection';

const triesSchema = z.strictObject({
  tries: z.array(z.iso.datetime()).max(100),
  lockedUntil: z.iso.datetime().optional(),
});

/** Wrong tries of forgotten-login requests: one versioned document per key. */
export const triesSpec: CollectionSpec<TryRecord> = {
  name: 'forgotten_login_tries',
  schema: triesSchema,
  indexes: [],
};

/** How often a write is tried again after losing to a concurrent one, before giving up. */
const MAX_CONFLICTS = 100;

/** Counts in a document collection; every change is a write conditional on the version read. */
export class DocumentTryCounter implements TryCounter {
  constructor(private readonly records: DocumentCollection<TryRecord>) {}

  async read(key: string): Promise<TryRecord> {
    return (await this.records.get(key))?.value ?? { tries: [] };
  }

  async update(key: string, change: (record: TryRecord) => TryRecord): Promise<TryRecord> {
    for (let conflict = 0; conflict < MAX_CONFLICTS; conflict++) {
      const stored = await this.records.get(key);
      const next = change(stored?.value ?? { tries: [] });
      if ((await this.records.put(key, next, stored?.version ?? 0)).ok) return next;
      // Lost to a concurrent write: read it and apply the change again, a little later.
      await sleep(Math.random() * Math.min(50, 2 * (conflict + 1)));
    }
    throw new Error(`the try count under ${key} changed too often to be written`);
  }
}
