import {
  CardFactory,
  MessageFactory,
  TurnContext,
  type Activity,
  type CloudAdapter,
  type ConversationParameters,
  type ConversationReference,
} from 'botbuilder';
import type { ConnectorClient } from 'botframework-connector';
import type { Logger } from 'pino';
import { approvalCard } from '../cards/approval-card';
import type { Case } from '../cases/case';
import type { InstitutionDirectory } from '../cases/secure-mail';
import type { Stores } from '../storage';
import { conversationReferenceSchema } from '../storage/conversation-references';
import { languageOf, text, type Language, type TextKey } from '../texts';

/** The key the support channel's reference is kept under. */
export const SUPPORT_CHANNEL_KEY = 'support-channel';

/** Where the support channel's language comes from: STIL support works in Danish. */
const CHANNEL_LANGUAGE = 'da';

/** What talking to the support channel and to requesters needs. */
export interface SupportChannelDeps {
  adapter: CloudAdapter;
  appId: string;
  stores: Stores;
  institutions: InstitutionDirectory;
  approverIds: readonly string[];
  logger: Logger;
}

/**
 * The bot's side of the support channel: it keeps the channel's reference, posts each filed
 * case as a new thread with the approval card, keeps that card current, and tells requesters.
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

  /** The approval card of a case as the channel shows it to everyone (no buttons). */
  async cardFor(
    value: Case,
    options: { withActions: boolean; notice?: string; language?: 'da' | 'en' },
  ) {
    const institution = await this.deps.institutions.find(value.institution.cvr);
    return approvalCard(
      {
        case: value,
        institutionName: institution?.name,
        approverIds: this.deps.approverIds,
        withActions: options.withActions,
        notice: options.notice,
      },
      options.language ?? CHANNEL_LANGUAGE,
    );
  }

  /**
   * Posts a filed case as a new thread in the support channel and keeps the thread on the
   * case. False when no channel is registered yet (the case waits for one).
   */
  async post(caseNumber: string): Promise<boolean> {
    const channel = await this.deps.stores.conversationReferences.get(SUPPORT_CHANNEL_KEY);
    if (!channel) return false;
    const found = await this.deps.stores.cases.get(caseNumber);
    if (!found || found.value.support) return true;
    const card = await this.cardFor(found.value, { withActions: false });
    let support: Case['support'];
    // The connector's own createConversation: the SDK's createConversationAsync drops the
    // activityId of the posted card, which updating the card later needs.
    await this.deps.adapter.continueConversationAsync(
      this.deps.appId,
      channel.value as ConversationReference,
      async (context) => {
        const client = context.turnState.get<ConnectorClient>(context.adapter.ConnectorClientKey);
        const created = await client.conversations.createConversation({
          isGroup: true,
          bot: context.activity.recipient,
          channelData: {
            channel: { id: channel.value.channelChatId },
            team: { id: channel.value.teamId },
          },
          activity: MessageFactory.attachment(CardFactory.adaptiveCard(card)) as Activity,
          tenantId: channel.value.conversation.tenantId,
        } as ConversationParameters);
        support = { threadId: created.id, activityId: created.activityId ?? '' };
      },
    );
    await this.keepThread(caseNumber, support!);
    return true;
  }

  /** Notes the thread on the case; the case may have changed meanwhile, so re-read on conflict. */
  private async keepThread(caseNumber: string, support: NonNullable<Case['support']>) {
    for (;;) {
      const current = await this.deps.stores.cases.get(caseNumber);
      if (!current || current.value.support) return;
      const written = await this.deps.stores.cases.replace(
        { ...current.value, support },
        current.version,
      );
      if (written.ok) {
        // A decision made before the thread was noted must show on the card too.
        if (current.value.state !== 'filed')
          await this.refreshPostedCard({ ...current.value, support });
        return;
      }
    }
  }

  /** Posts every filed case that has no thread yet (after a channel is registered). */
  async postWaiting(): Promise<void> {
    for (const { value } of await this.deps.stores.cases.listByState(['filed'], 200)) {
      if (!value.support) await this.post(value.caseNumber);
    }
  }

  /** Replaces the posted card with the case's current state, for everyone in the channel. */
  async refreshPostedCard(value: Case): Promise<void> {
    const channel = await this.deps.stores.conversationReferences.get(SUPPORT_CHANNEL_KEY);
    if (!channel || !value.support) return;
    const card = await this.cardFor(value, { withActions: false });
    const reference = {
      ...channel.value,
      conversation: { ...channel.value.conversation, id: value.support.threadId },
    };
    await this.deps.adapter.continueConversationAsync(
      this.deps.appId,
      reference as ConversationReference,
      async (context) => {
        await context.updateActivity({
          ...MessageFactory.attachment(CardFactory.adaptiveCard(card)),
          id: value.support!.activityId,
        });
      },
    );
  }

  /** Writes to the requester of a case in their personal chat, in their language. */
  async tellRequester(
    value: Case,
    key: TextKey,
    values: (language: Language) => Record<string, string>,
  ): Promise<void> {
    const conversationKey = value.requester.conversationKey;
    const stored =
      conversationKey && (await this.deps.stores.conversationReferences.get(conversationKey));
    if (!stored) {
      this.deps.logger.warn(
        { caseNumber: value.caseNumber },
        'no conversation to tell the requester in',
      );
      return;
    }
    const language = languageOf(stored.value.locale);
    const message = text(language, key, values(language));
    await this.deps.adapter.continueConversationAsync(
      this.deps.appId,
      stored.value as ConversationReference,
      async (context) => {
        await context.sendActivity(message);
      },
    );
  }
}
