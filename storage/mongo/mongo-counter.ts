import { setTimeout as sleep } from 'node:timers/promises';
import type { Collection } from 'mongodb';
import type { Counter } from '../document-collection';
import { isDuplicateKey } from './duplicate-key';

/** One number handed out: its unique `_id` is what makes the hand-out atomic. */
export interface CounterSlot {
  _id: string;
  name: string;
  n: number;
}

/**
 * A counter whose every number is a document of its own: the next number is claimed by
 * inserting it, and a duplicate key means another writer was first. Slots are never deleted
 * (one small document per case), so a number is never handed out twice.
 */
export class MongoCounter implements Counter {
  /** Claims from this process wait in line, so that they never race each other. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly slots: Collection<CounterSlot>) {}

  async createIndexes(): Promise<void> {
    await this.slots.createIndex({ name: 1, n: -1 });
  }

  next(name: string): Promise<number> {
    const claimed = this.queue.then(() => this.claim(name));
    this.queue = claimed.catch(() => undefined);
    return claimed;
  }

  private async claim(name: string): Promise<number> {
    for (let attempt = 0; ; attempt++) {
      const last = await this.slots.findOne({ name }, { sort: { n: -1 }, projection: { n: 1 } });
      const n = (last?.n ?? 0) + 1;
      try {
        await this.slots.insertOne({ _id: `${name}|${n}`, name, n });
        return n;
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
      }
      // Another process was first: spread the retries of competing processes out.
      await sleep(Math.random() * Math.min(50, 2 + attempt * 2));
    }
  }
}
