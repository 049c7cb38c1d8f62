import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { ConversationState, TestAdapter, type Activity } from 'botbuilder';
import { cprProtection } from '../../cases/cpr-protection';
import type { WorkflowDeps } from '../../cases/workflow-deps';
import { personalChatDialogs, runPersonalChat } from '../../dialogs/personal-chat';
import { openStores, type StorageChoice, type Stores } from '../../storage';

/** The keys of one test run; CPRs encrypted under them can be read back in the same run. */
export const testKeys = { dataEncryptionKey: randomBytes(32), lookupHmacKey: randomBytes(32) };

/** A staff member in a personal chat with the bot's dialogs, on real storage. */
export interface Chat {
  stores: Stores;
  workflow: WorkflowDeps;
  filed: string[];
  /** Sends a message (text or card value) and returns the texts of every reply. */
  send(input: string | { value: Record<string, unknown> }): Promise<Partial<Activity>[]>;
  close(): Promise<void>;
}

/** Opens storage and a personal chat, as one user in one language. */
export async function openChat(
  where: StorageChoice = { dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'unilogin-chat-')) },
  options: { locale?: string; userId?: string; now?: () => Date } = {},
): Promise<Chat> {
  const stores = await openStores(where);
  const workflow: WorkflowDeps = {
    cases: stores.cases,
    audit: stores.audit,
    protection: cprProtection(testKeys),
    rules: { isApprover: () => false },
    now: options.now ?? (() => new Date()),
  };
  const filed: string[] = [];
  const conversationState = new ConversationState(stores.botState);
  const dialogs = personalChatDialogs(
    {
      workflow,
      rememberConversation: async () => undefined,
      onFiled: async (_context, caseNumber) => {
        filed.push(caseNumber);
      },
    },
    conversationState.createProperty('dialogState'),
  );
  // The turn as the bot runs it: the personal chat, then the state saved.
  const adapter = new TestAdapter(
    async (context) => {
      await runPersonalChat(await dialogs.createContext(context));
      await conversationState.saveChanges(context);
    },
    { channelId: 'msteams' },
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
      await adapter.receiveActivity(activity);
      return adapter.activeQueue.splice(0);
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
