import { z } from 'zod';
import type { UsernameRegistry } from '../cases/credentials';
import type { CollectionSpec, DocumentCollection } from './document-collection';

/** Issued usernames, keyed by username: a create-only write reserves one. */
export const usernamesSpec: CollectionSpec<{ caseNumber: string }> = {
  name: 'usernames',
  schema: z.strictObject({ caseNumber: z.string() }),
  indexes: ['caseNumber'],
};

/** Reserves usernames in a document collection; the first create of a key wins. */
export class DocumentUsernameRegistry implements UsernameRegistry {
  constructor(private readonly usernames: DocumentCollection<{ caseNumber: string }>) {}

  async claim(username: string, caseNumber: string): Promise<boolean> {
    return (await this.usernames.put(username, { caseNumber }, 0)).ok;
  }

  async reservedFor(caseNumber: string): Promise<string | undefined> {
    const [found] = await this.usernames.find({ where: { caseNumber }, limit: 1 });
    return found?.key;
  }
}
