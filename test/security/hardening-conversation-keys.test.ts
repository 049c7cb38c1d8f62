import type { TurnContext } from 'botbuilder';
import { referenceKey, rememberConversation, storedReference } from '../../bot/conversation-memory';
import { SUPPORT_CHANNEL_KEY } from '../../bot/support-channel';
import type { Stores } from '../../storage';
import { personalMessage } from '../support/activities';
import { describeEachBackend, openStores } from '../support/storage-backends';

const serviceUrl = 'https://smba.trafficmanager.net/emea/';
const turnIn = (conversationId: string) =>
  ({ activity: personalMessage(serviceUrl, conversationId, 'hej') }) as unknown as TurnContext;
const supportReference = {
  channelId: 'msteams',
  serviceUrl,
  conversation: { id: '19:support@thread.tacv2', conversationType: 'channel' },
};

describeEachBackend('conversation-reference keys', (backend) => {
  let stores: Stores;
  beforeEach(async () => {
    stores = await openStores(backend.fresh());
    await stores.conversationReferences.put(SUPPORT_CHANNEL_KEY, supportReference);
  });
  afterEach(() => stores.storage.close());

  it('keeps a chat whose id is support-channel from overwriting the support channel', async () => {
    await rememberConversation(stores.conversationReferences, turnIn(SUPPORT_CHANNEL_KEY));
    const support = await stores.conversationReferences.get(SUPPORT_CHANNEL_KEY);
    expect(support?.value.conversation.id).toBe('19:support@thread.tacv2');
    const chat = await storedReference(stores, SUPPORT_CHANNEL_KEY);
    expect(chat?.value.conversation.id).toBe(SUPPORT_CHANNEL_KEY);
  });

  it('never hands out the support channel as the chat of a conversation called support-channel', async () => {
    expect(await storedReference(stores, SUPPORT_CHANNEL_KEY)).toBeUndefined();
  });

  it('keeps chats under a prefixed key and still finds one kept under its bare id before', async () => {
    await rememberConversation(stores.conversationReferences, turnIn('a:new-chat'));
    const legacy = { ...supportReference, conversation: { id: 'a:old-chat' } };
    await stores.conversationReferences.put('a:old-chat', legacy);
    expect(referenceKey('a:new-chat')).toBe('conversation:a:new-chat');
    expect(
      (await stores.conversationReferences.get('conversation:a:new-chat'))?.value,
    ).toBeDefined();
    expect((await storedReference(stores, 'a:new-chat'))?.value.conversation.id).toBe('a:new-chat');
    expect((await storedReference(stores, 'a:old-chat'))?.value.conversation.id).toBe('a:old-chat');
  });
});
