import { describeEachBackend } from '../support/storage-backends';
import { until } from '../support/until';
import { languages, useChats, type StaffChat } from './chat-flows';

/** The flow as stored for the chat now. */
async function storedFlow(c: StaffChat): Promise<unknown> {
  return (JSON.parse(await c.storedState()) as { conversation?: { flow?: unknown } }).conversation
    ?.flow;
}

describeEachBackend('two messages of one chat that race', (backend) => {
  const open = useChats();

  describe.each(languages)('in %s', (language) => {
    test('both answers count: the one whose save loses runs again on the winner’s state', async () => {
      const c = await open(backend.fresh(), language);
      await c.send(c.words.newLogin);
      let release = () => {};
      const held = new Promise<void>((resolve) => (release = resolve));
      let holding = false;
      // The first "yes" is held after its work and before its save, until the second is saved.
      const first = c.send(c.words.yes, {
        beforeSave: () => {
          holding = true;
          return held;
        },
      });
      await until(async () => holding);
      const second = await c.texts(c.words.yes);
      expect(second).toEqual([c.t('eligibility.registered')]);
      release();
      const firstReplies = (await first).map((r) => r.text);

      // Under last-writer-wins the held turn would have written "second question" back.
      expect(firstReplies).toEqual([c.t('eligibility.triedMitId')]);
      expect(await storedFlow(c)).toEqual({ flow: 'eligibility', step: 2, attempts: 0 });
    });

    test('a message that loses its race more than a few times in a row fails instead of looping', async () => {
      const c = await open(backend.fresh(), language);
      await c.send(c.words.newLogin);
      // Each save of this turn first lets another writer move the chat on, so that it loses.
      const key = c.stateKey;
      const moveOn = async () => {
        const now = await c.stores.chats.get(key);
        await c.stores.chats.put(key, { ...now!.value }, now!.version);
      };
      await expect(c.send(c.words.yes, { beforeSave: moveOn })).rejects.toThrow(/kept changing/);
      expect(await storedFlow(c)).toEqual({ flow: 'eligibility', step: 0, attempts: 0 });
    });
  });
});
