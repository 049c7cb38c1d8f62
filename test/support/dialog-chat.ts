import fs from 'node:fs';
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { TestAdapter, type Activity, type TurnContext } from 'botbuilder';
import { personalChatTurn } from '../../bot/personal-chat-turn';
import type { CaseNumber } from '../../cases/case-number';
import { cprProtection } from '../../cases/cpr-protection';
import type { WorkflowDeps } from '../../cases/workflow-deps';
import { questions } from '../../dialogs/questions';
import type { ChatDocument } from '../../storage/chats';
import type { DocumentCollection } from '../../storage/document-collection';
import { testWorkflow } from './test-workflow';
import { openStores, type StorageChoice, type Stores } from '../../storage';

/** How one turn runs. */
export interface TurnOptions {
  /**
   * False: the turn runs, but dies when it would save the conversation, as a process killed
   * after the turn's writes to the case store and before the state is written back. Nothing
   * is sent (replies go out after the save).
   */
  saveState?: boolean;
  /** Holds the turn after its work and before its save (to make two turns overlap). */
  beforeSave?: () => Promise<void>;
}

/**
 * A staff member in a personal chat with the bot's dialogs, on real storage. It keeps the
 * replies of each turn even when turns overlap, the activities the bot replaced in place
 * (updateActivity), and can run turns whose state is not saved. Each user has a conversation
 * of their own, so that a chat opened again on the same storage goes on where the last one
 * stopped.
 */
export interface RecordingChat {
  stores: Stores;
  workflow: WorkflowDeps;
  filed: CaseNumber[];
  /** Every reply of every turn, as sent. */
  sent: Reply[];
  /** Every activity the bot replaced in place, in order. */
  updates: Partial<Activity>[];
  /** The key under which the conversation state of this chat is stored. */
  stateKey: string;
  send(input: string | { value: Record<string, unknown> }, turn?: TurnOptions): Promise<Reply[]>;
  /** The conversation state as stored now (with the dialog stack), as JSON. */
  storedState(): Promise<string>;
  close(): Promise<void>;
}

type Reply = Partial<Activity>;

/** The keys of one test run; CPRs encrypted under them can be read back in the same run. */
export const testKeys = { dataEncryptionKey: randomBytes(32), lookupHmacKey: randomBytes(32) };

/** Opens storage and a personal chat, as one user in one language. */
export async function openRecordingChat(
  where: StorageChoice = { dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'unilogin-chat-')) },
  options: {
    locale?: string;
    userId?: string;
    now?: () => Date;
    supportChannelReady?: boolean;
  } = {},
): Promise<RecordingChat> {
  const stores = await openStores(where);
  const workflow = testWorkflow(stores, {
    protection: cprProtection(testKeys),
    ...(options.now ? { now: options.now } : {}),
  });
  const filed: CaseNumber[] = [];
  const sent: Reply[] = [];
  const updates: Reply[] = [];
  const turnOptions = new AsyncLocalStorage<TurnOptions>();
  const chatTurn = personalChatTurn({
    conversation: {
      workflow,
      questions: questions(workflow.protection, workflow.now),
      supportChannelReady: async () => options.supportChannelReady ?? true,
    },
    chats: dyingChats(stores.chats, () => turnOptions.getStore() ?? {}),
    caseFiled: async (_context, caseNumber) => {
      filed.push(caseNumber);
    },
  });
  const adapter = new TestAdapter(undefined, { channelId: 'msteams' });
  const userId = options.userId ?? 'staff-aad-1';
  const conversation = { id: `personal-${userId}`, conversationType: 'personal', isGroup: false };
  const stateKey = `msteams/conversations/${conversation.id}/`;
  let turns = 0;
  let closed = false;

  const turn = (replies: Reply[], options: TurnOptions) => async (context: TurnContext) => {
    context.onSendActivities(async (_context, activities, next) => {
      const responses = await next();
      const withIds = activities.map((a, i) => ({ ...a, id: responses?.[i]?.id ?? a.id }));
      replies.push(...withIds);
      sent.push(...withIds);
      return responses;
    });
    context.onUpdateActivity(async (_context, activity, next) => {
      updates.push(activity);
      await next();
    });
    await turnOptions
      .run(options, () => chatTurn(context))
      .catch((error: unknown) => {
        if (!(error instanceof TurnDied)) throw error;
      });
  };

  return {
    stores,
    workflow,
    filed,
    sent,
    updates,
    stateKey,
    async send(input, turnOptions = {}) {
      const activity: Partial<Activity> = {
        type: 'message',
        id: `turn-${++turns}`,
        locale: options.locale ?? 'da-DK',
        from: { id: `29:${userId}`, name: 'Sofie Sekretær', aadObjectId: userId },
        conversation: conversation as Activity['conversation'],
        ...(typeof input === 'string' ? { text: input } : { value: input.value }),
      };
      const replies: Reply[] = [];
      await adapter.processActivity(activity, turn(replies, turnOptions));
      adapter.activeQueue.splice(0);
      return replies;
    },
    async storedState() {
      return JSON.stringify((await stores.chats.get(stateKey))?.value ?? {});
    },
    async close() {
      if (closed) return;
      closed = true;
      // An enabled AsyncLocalStorage stays in Node's list until disabled, and every promise
      // made afterwards in this worker, in any later test file, pays for each one in it.
      turnOptions.disable();
      await stores.storage.close();
    },
  };
}

/** The process "dies" at the save of a turn run with `saveState: false`. */
class TurnDied extends Error {}

/** The chats collection, as a turn's options make its save hold or die. */
function dyingChats(
  chats: DocumentCollection<ChatDocument>,
  options: () => TurnOptions,
): DocumentCollection<ChatDocument> {
  return {
    get: (key) => chats.get(key),
    delete: (key) => chats.delete(key),
    find: (query) => chats.find(query),
    async put(key, value, expectedVersion) {
      const turn = options();
      if (turn.saveState === false) throw new TurnDied('the process died before the save');
      await turn.beforeSave?.();
      return chats.put(key, value, expectedVersion);
    },
  };
}

/** The texts of replies; a card shows as its title. */
export function textsOf(replies: Partial<Activity>[]): string[] {
  return replies.map((r) => {
    const card = r.attachments?.[0]?.content as { body?: { text?: string }[] } | undefined;
    return r.text ?? card?.body?.[0]?.text ?? '';
  });
}
