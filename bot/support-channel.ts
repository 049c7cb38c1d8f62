import {
  CardFactory,
  MessageFactory,
  TurnContext,
  type Activity,
  type CloudAdapter,
  type ConversationParameters,
} from 'botbuilder';
import type { ConnectorClient } from 'botframework-connector';
import { approvalCard } from '../cards/approval-card';
import {
  approvalViewOf,
  type ApprovalViewOptions,
  type EarlierInstitution,
} from '../cards/approval-view';
import type { AdaptiveCard } from '../cards/adaptive-card';
import type { Case, SupportThread } from '../cases/case';
import { otherCasesOfSubject } from '../cases/duplicate-guard';
import type { InstitutionDirectory } from '../cases/secure-mail';
import type { Stores, StoredConversationReference } from '../storage';
import { conversationReferenceSchema } from '../storage/conversation-references';
import { type Language } from '../texts';
import { inConversation } from './proactive';

/** The key the support channel's reference is kept under. */
export const SUPPORT_CHANNEL_KEY = 'support-channel';

/**
 * The one language of the support channel: STIL support works in Danish, so the approval card,
 * its refreshed views and the cards that answer its actions are Danish for every viewer,
 * whatever their client's locale.
 */
export const SUPPORT_LANGUAGE: Language = 'da';

/** What talking to the support channel needs. */
export interface SupportChannelDeps {
  adapter: CloudAdapter;
  appId: string;
  stores: Pick<Stores, 'conversationReferences' | 'cases'>;
  institutions: InstitutionDirectory;
  approverIds: readonly string[];
}

/**
 * The bot's side of the support channel: it keeps the channel's reference, posts a case's
 * approval card as a new thread, and replaces the card as the case moves on. Every send
 * throws when Teams refuses it, so that the job that made it can try again.
 */
export class SupportChannel {
  constructor(private readonly deps: SupportChannelDeps) {}

  /** Keeps the channel of this turn as the support channel. */
  async register(context: TurnContext): Promise<void> {
    const reference = TurnContext.getConversationReference(context.activity);
    const channelData = context.activity.channelData as
      { team?: { id?: string }; channel?: { id?: string } } | undefined;
    const stored = conversationReferenceSchema.parse({
      ...reference,
      teamId: channelData?.team?.id,
      channelChatId: channelData?.channel?.id ?? reference.conversation?.id.split(';')[0],
    });
    await this.deps.stores.conversationReferences.put(SUPPORT_CHANNEL_KEY, stored);
  }

  /** The registered channel, if any. */
  async channel(): Promise<StoredConversationReference | undefined> {
    return (await this.deps.stores.conversationReferences.get(SUPPORT_CHANNEL_KEY))?.value;
  }

  /**
   * The approval card of a case in the support language, as `options` ask (the channel's
   * version has no buttons).
   */
  async cardFor(
    value: Case,
    options: Omit<
      ApprovalViewOptions,
      'institutionName' | 'approverIds' | 'earlierInstitution' | 'earlierCases'
    > = {
      withActions: false,
    },
  ): Promise<AdaptiveCard> {
    const institution = await this.deps.institutions.find(value.institution.cvr);
    const view = approvalViewOf(value, {
      ...options,
      institutionName: institution?.name,
      earlierInstitution: await this.earlierInstitutionOf(value),
      // Every case of the same person (by the keyed CPR hash), whatever the requester chose.
      earlierCases: await otherCasesOfSubject(this.deps.stores, value),
      approverIds: this.deps.approverIds,
    });
    return approvalCard(view, SUPPORT_LANGUAGE);
  }

  /** The institution of a forgotten login's earlier case, as the directory names it. */
  private async earlierInstitutionOf(value: Case): Promise<EarlierInstitution | undefined> {
    if (value.request.kind !== 'forgotten') return undefined;
    const earlier = await this.deps.stores.cases.get(value.request.earlierCaseNumber);
    if (!earlier) return undefined;
    const { cvr } = earlier.institution;
    return { cvr, name: (await this.deps.institutions.find(cvr))?.name };
  }

  /** Posts a case's card as a new thread in the channel; returns where it went. */
  async post(value: Case, channel: StoredConversationReference): Promise<SupportThread> {
    return this.postThread(await this.cardFor(value), channel);
  }

  /** Posts a card (a case's, an alert) as a new thread in the channel; returns where it went. */
  async postThread(
    card: AdaptiveCard,
    channel: StoredConversationReference,
  ): Promise<SupportThread> {
    // The connector's own createConversation: the SDK's createConversationAsync drops the
    // activityId of the posted card, which updating the card later needs.
    return inConversation(this.deps.adapter, this.deps.appId, channel, async (context) => {
      const client = context.turnState.get<ConnectorClient>(context.adapter.ConnectorClientKey);
      const created = await client.conversations.createConversation({
        isGroup: true,
        bot: context.activity.recipient,
        channelData: { channel: { id: channel.channelChatId }, team: { id: channel.teamId } },
        activity: MessageFactory.attachment(CardFactory.adaptiveCard(card)) as Activity,
        tenantId: channel.conversation.tenantId,
      } as ConversationParameters);
      if (!created.id || !created.activityId) {
        throw new Error('the connector did not say where the card was posted');
      }
      return { threadId: created.id, activityId: created.activityId };
    });
  }

  /** Replies in a case's thread with a line of text. */
  async reply(
    thread: SupportThread,
    message: string,
    channel: StoredConversationReference,
  ): Promise<void> {
    await inConversation(
      this.deps.adapter,
      this.deps.appId,
      inThread(channel, thread),
      async (context) => {
        await context.sendActivity(message);
      },
    );
  }

  /** Replaces the posted card with `card`, for everyone in the channel. */
  async update(
    thread: SupportThread,
    card: AdaptiveCard,
    channel: StoredConversationReference,
  ): Promise<void> {
    await inConversation(
      this.deps.adapter,
      this.deps.appId,
      inThread(channel, thread),
      async (context) => {
        await context.updateActivity({
          ...MessageFactory.attachment(CardFactory.adaptiveCard(card)),
          id: thread.activityId,
        });
      },
    );
  }
}

/** The channel's reference, pointed at one case's thread. */
const inThread = (
  channel: StoredConversationReference,
  thread: SupportThread,
): StoredConversationReference => ({
  ...channel,
  conversation: { ...channel.conversation, id: thread.threadId },
});

/**
 * A Teams deep link to a case's thread in the support channel (the digest's "Åbn" buttons):
 * the channel's id and the id of the thread's first message, which the posted card is.
 */
export function threadUrl(thread: SupportThread, channel: StoredConversationReference): string {
  const channelId = channel.channelChatId ?? thread.threadId.split(';')[0] ?? '';
  const query = new URLSearchParams({
    ...(channel.conversation.tenantId ? { tenantId: channel.conversation.tenantId } : {}),
    parentMessageId: thread.activityId,
  });
  return `https://teams.microsoft.com/l/message/${encodeURIComponent(channelId)}/${encodeURIComponent(thread.activityId)}?${query.toString()}`;
}
