import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { ConversationState, type Activity } from 'botbuilder';
import { DialogTestClient } from 'botbuilder-testing';
import { cprProtection } from '../../cases/cpr-protection';
import type { WorkflowDeps } from '../../cases/workflow-deps';
import { RootDialog } from '../../dialogs/root-dialog';
import { openStores, type StorageChoice, type Stores } from '../../storage';

/** The keys of one test run; CPRs encrypted under them can be read back in the same run. */
export const testKeys = { dataEncryptionKey: randomBytes(32), lookupHmacKey: randomBytes(32) };

/** A staff member chatting with the real root dialog on real storage. */
export interface Chat {
  stores: Stores;
  workflow: WorkflowDeps;
  filed: string[];
  /** Sends a message (text or card value) and returns the texts of every reply. */
  send(input: string | { value: Record<string, unknown> }): Promise<Partial<Activity>[]>;
  close(): Promise<void>;
}

/** Opens storage and a chat with the root dialog, as one user in one language. */
export async function openChat(
  where: StorageChoice = { dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'unilogin-chat-')) },
  options: { locale?: string; userId?: string; now?: () => Date } = {},
): Promise<Chat> {
  const stores = await openStores(where);
  const workflow: WorkflowDeps = {
    cases: stores.cases,
    audit: stores.storage.audit,
    protection: cprProtection(testKeys),
    now: options.now ?? (() => new Date()),
  };
  const filed: string[] = [];
  const dialog = new RootDialog({
    workflow,
    rememberConversation: async () => undefined,
    onFiled: async (caseNumber) => {
      filed.push(caseNumber);
    },
  });
  const client = new DialogTestClient(
    'msteams',
    dialog,
    undefined,
    [],
    new ConversationState(stores.botState),
  );
  const userId = options.userId ?? 'staff-aad-1';
  return {
    stores,
    workflow,
    filed,
    async send(input) {
      const activity: Partial<Activity> = {
        type: 'message',
        locale: options.locale ?? 'da-DK',
        from: { id: `29:${userId}`, name: 'Sofie Sekretær', aadObjectId: userId },
        ...(typeof input === 'string' ? { text: input } : { value: input.value }),
      };
      const replies: Partial<Activity>[] = [];
      let reply = await client.sendActivity(activity);
      while (reply) {
        replies.push(reply);
        reply = client.getNextReply();
      }
      return replies;
    },
    close: () => stores.storage.close(),
  };
}

/** The texts of replies; a card shows as its title. */
export function textsOf(replies: Partial<Activity>[]): string[] {
  return replies.map((r) => {
    const card = r.attachments?.[0]?.content as { body?: { text?: string }[] } | undefined;
    return r.text ?? card?.body?.[0]?.text ?? '';
  });
}
