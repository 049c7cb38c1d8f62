import type { Storage as BotStorage, StoreItems } from 'botbuilder';
import { z } from 'zod';
import type { CollectionSpec, DocumentCollection } from './document-collection';

/** Bot state is whatever botbuilder hands us: an object, kept as JSON. */
export type BotStateDocument = Record<string, unknown>;

/** The collection that conversation and dialog state live in. */
export const botStateSpec: CollectionSpec<BotStateDocument> = {
  name: 'bot_state',
  schema: z.record(z.string(), z.unknown()),
  indexes: [],
};

/** Raised when a state write names an eTag that is no longer current. */
export class ETagConflictError extends Error {
  constructor(key: string) {
    super(`eTag conflict: the state under ${key} was changed by another writer`);
    this.name = 'ETagConflictError';
  }
}

/**
 * botbuilder's Storage on a document collection, with the eTag semantics of MemoryStorage:
 * a stale eTag fails, `'*'` or no eTag overwrites, and an item that does not exist is written.
 */
export class BotStateStorage implements BotStorage {
  constructor(private readonly state: DocumentCollection<BotStateDocument>) {}

  async read(keys: string[]): Promise<StoreItems> {
    const items: StoreItems = {};
    for (const key of keys) {
      const found = await this.state.get(key);
      if (found) items[key] = { ...found.value, eTag: String(found.version) };
    }
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    for (const [key, item] of Object.entries(changes)) {
      const { eTag, ...value } = item as BotStateDocument & { eTag?: unknown };
      if (eTag === undefined || eTag === '*') {
        await this.state.put(key, value);
        continue;
      }
      // An eTag this store never issued cannot be current: -1 matches no version.
      const expected = typeof eTag === 'string' && /^\d+$/.test(eTag) ? Number(eTag) : -1;
      const outcome = await this.state.put(key, value, expected);
      if (outcome.ok) continue;
      const recreated = (await this.state.get(key))
        ? { ok: false }
        : await this.state.put(key, value, 0);
      if (!recreated.ok) throw new ETagConflictError(key);
    }
  }

  async delete(keys: string[]): Promise<void> {
    for (const key of keys) await this.state.delete(key);
  }
}
