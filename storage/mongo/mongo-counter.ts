import type { Collection } from 'mongodb';
import { isDuplicateKey } from './duplicate-key';

/**
 * A counter document `{_id: name, n}`, or (kept by the version before) one slot document per
 * number handed out, `{_id: 'name|n', name, n}`.
 */
export interface CounterDocument {
  _id: string;
  n: number;
  name?: string;
}

/**
 * Hands out the numbers of a name, each once: the next number is claimed by a conditional
 * update from the number just read (compare and set), so of two racing claims one wins and
 * the other reads again. It never trusts the document an update returns, which a stand-in
 * server was seen to get wrong under concurrency.
 */
export class MongoCounter {
  constructor(private readonly counters: Collection<CounterDocument>) {}

  async next(name: string): Promise<number> {
    for (;;) {
      const current = await this.counters.findOne({ _id: name });
      if (!current) {
        const n = (await this.lastLegacySlot(name)) + 1;
        try {
          await this.counters.insertOne({ _id: name, n });
          return n;
        } catch (error) {
          if (!isDuplicateKey(error)) throw error;
          continue;
        }
      }
      const claimed = await this.counters.updateOne(
        { _id: name, n: current.n },
        { $set: { n: current.n + 1 } },
      );
      if (claimed.modifiedCount === 1) return current.n + 1;
    }
  }

  /** The highest number the version before handed out as slot documents (0 if none). */
  private async lastLegacySlot(name: string): Promise<number> {
    const last = await this.counters.findOne({ name }, { sort: { n: -1 }, projection: { n: 1 } });
    return last?.n ?? 0;
  }
}
