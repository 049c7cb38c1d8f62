import { CardFactory, MessageFactory, type TurnContext } from 'botbuilder';
import type { CaseNumber } from '../cases/case-number';
import type { Reply } from '../dialogs/chat-turn';
import { converse, noteSent, type Outcome } from '../dialogs/conversation';
import type { ConversationDeps } from '../dialogs/conversation-deps';
import {
  readConversation,
  type Conversation,
  type StoredChat,
} from '../dialogs/conversation-state';
import type { ChatDocument } from '../storage/chats';
import type { DocumentCollection } from '../storage/document-collection';
import type { Language } from '../texts';
import { chatTurnOf } from './chat-turn-of';

/** What a personal chat's turn needs. */
export interface PersonalChatDeps {
  conversation: ConversationDeps;
  /** Where each chat's conversation is kept, one versioned document per chat. */
  chats: DocumentCollection<ChatDocument>;
  /**
   * Called once the turn that filed a case is saved: keeps the chat's reference, so that the
   * bot can write to it later (in `language`) when the case is decided.
   */
  caseFiled(context: TurnContext, caseNumber: CaseNumber, language: Language): Promise<void>;
}

/** How often a turn runs again after losing a race with another message of the same chat. */
const MAX_RACES = 5;

/** The key of a chat's conversation (the key botbuilder's ConversationState used before). */
export const chatKey = (context: TurnContext) =>
  `${context.activity.channelId}/conversations/${context.activity.conversation.id}/`;

/**
 * One message of a personal chat: load the conversation, run it, save it, then reply.
 * The save is conditional on the version read: when two messages of one chat race, one wins
 * and the other runs again on the winner's conversation, so that neither is lost. Replies go
 * out only after the save, so a turn that loses sends nothing of its first run.
 */
export function personalChatTurn(deps: PersonalChatDeps) {
  return async (context: TurnContext): Promise<void> => {
    const key = chatKey(context);
    const turn = chatTurnOf(context.activity);
    for (let race = 0; race < MAX_RACES; race++) {
      const stored = await deps.chats.get(key);
      const outcome = await converse(deps.conversation, readConversation(stored?.value), turn);
      if (!stored && isEmpty(outcome.conversation)) {
        // Nothing to remember (a question answered, a "hej"): a chat that never starts a
        // flow leaves no document behind.
        await sendReplies(context, outcome, async () => undefined);
        return;
      }
      const savedAt = deps.conversation.workflow.now().toISOString();
      const chat: StoredChat = { conversation: outcome.conversation, savedAt };
      const saved = await deps.chats.put(key, { ...chat }, stored?.version ?? 0);
      if (!saved.ok) continue;
      if (outcome.filed) await deps.caseFiled(context, outcome.filed, outcome.language);
      await sendReplies(context, outcome, async (tag, id) => {
        const noted: StoredChat = {
          conversation: noteSent(outcome.conversation, tag, id),
          savedAt,
        };
        // Losing this write to a newer message is fine: that message moved the chat on.
        await deps.chats.put(key, { ...noted }, saved.version);
      });
      return;
    }
    throw new Error(`the conversation ${key} kept changing under this turn`);
  };
}

/** True when a conversation holds nothing beyond its version: no flow, no choice, no case. */
function isEmpty(conversation: Conversation): boolean {
  return Object.keys(conversation).every((key) => key === 'v');
}

async function sendReplies(
  context: TurnContext,
  outcome: Outcome,
  sentTagged: (tag: 'summary', activityId: string) => Promise<void>,
): Promise<void> {
  for (const reply of outcome.replies) {
    if (reply.kind === 'replaceCard') {
      const card = {
        ...MessageFactory.attachment(CardFactory.adaptiveCard(reply.card)),
        id: reply.activityId,
      };
      // The case is filed and the requester told. A summary that Teams will not let us
      // replace stays as it is, and its Confirm answers with this case.
      await context.updateActivity(card).catch(() => undefined);
      continue;
    }
    const sent = await context.sendActivity(activityOf(reply));
    if (reply.kind === 'card' && reply.tag && sent?.id) await sentTagged(reply.tag, sent.id);
  }
}

function activityOf(reply: Exclude<Reply, { kind: 'replaceCard' }>) {
  if (reply.kind === 'card') return MessageFactory.attachment(CardFactory.adaptiveCard(reply.card));
  return reply.choices
    ? MessageFactory.suggestedActions(reply.choices, reply.text)
    : MessageFactory.text(reply.text);
}
