import { expireChats } from '../../bot/chat-expiry';
import { openRecordingChat, type RecordingChat } from '../support/dialog-chat';
import { describeEachBackend } from '../support/storage-backends';

const NOW = new Date('2026-12-02T08:00:00.000Z');
const daysAgo = (days: number) => new Date(NOW.getTime() - days * 24 * 60 * 60 * 1000);

describeEachBackend('chats left idle', (backend) => {
  const opened: RecordingChat[] = [];
  afterEach(async () => {
    for (const chat of opened.splice(0)) await chat.close();
  });

  /** A chat that stopped half-way through a filing, with a CPR given, `days` ago. */
  async function abandonedChat(
    where: ReturnType<typeof backend.fresh>,
    user: string,
    days: number,
  ) {
    const chat = await openRecordingChat(where, { userId: user, now: () => daysAgo(days) });
    opened.push(chat);
    for (const answer of ['ny unilogin', 'ja', 'ja', 'ja', '010190-1234']) await chat.send(answer);
    expect(await chat.storedState()).toContain('cprEncrypted');
    return chat;
  }

  it('expire after CHAT_EXPIRY_DAYS: an abandoned dialog and its encrypted CPR are deleted', async () => {
    const where = backend.fresh();
    const old = await abandonedChat(where, 'staff-gone', 31);
    const recent = await abandonedChat(where, 'staff-away', 29);

    expect(await expireChats(old.stores.chats, NOW, 30)).toBe(1);
    expect(await old.stores.chats.get(old.stateKey)).toBeUndefined();
    expect(await recent.stores.chats.get(recent.stateKey)).toBeDefined();
    // Running it again finds nothing more.
    expect(await expireChats(old.stores.chats, NOW, 30)).toBe(0);
  });
});
