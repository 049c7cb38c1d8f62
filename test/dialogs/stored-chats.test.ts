import { openRecordingChat, type RecordingChat } from '../support/dialog-chat';
import { describeEachBackend } from '../support/storage-backends';

describeEachBackend('what the chats leave in the store', (backend) => {
  const opened: RecordingChat[] = [];
  afterEach(async () => {
    for (const chat of opened.splice(0)) await chat.close();
  });
  const open = async (where: ReturnType<typeof backend.fresh>, userId: string) => {
    const chat = await openRecordingChat(where, { userId });
    opened.push(chat);
    return chat;
  };

  it('a chat that never starts a flow leaves no document behind', async () => {
    const where = backend.fresh();
    for (let i = 0; i < 20; i++) {
      const chat = await open(where, `passer-by-${i}`);
      expect(await chat.send(i % 2 ? 'hej' : 'hjælp')).toHaveLength(1);
    }
    const probe = await open(where, 'probe');
    expect(await probe.stores.chats.find({})).toEqual([]);
  });

  it('a chat in the middle of a flow is kept, and goes on', async () => {
    const where = backend.fresh();
    const chat = await open(where, 'staff-in-flow');
    await chat.send('ny unilogin');
    expect(await chat.stores.chats.get(chat.stateKey)).toBeDefined();
    const replies = await chat.send('ja');
    expect(replies.map((r) => r.text)).toHaveLength(1);
    expect(JSON.parse(await chat.storedState())).toMatchObject({
      conversation: { flow: { flow: 'eligibility', step: 1 } },
    });
  });
});
