import { ConversationState, TestAdapter, type TurnContext } from 'botbuilder';
import { DialogSet, TextPrompt, WaterfallDialog, type DialogState } from 'botbuilder-dialogs';
import { ETagConflictError } from '../../storage/bot-state-storage';
import type { Stores } from '../../storage';
import { describeEachBackend, openStores } from '../support/storage-backends';

/** A two-question dialog whose progress lives only in conversation state. */
function askingBot(stores: Stores) {
  const conversationState = new ConversationState(stores.botState);
  const dialogs = new DialogSet(conversationState.createProperty<DialogState>('dialogState'));
  dialogs.add(new TextPrompt('text'));
  dialogs.add(
    new WaterfallDialog('ask', [
      (step) => step.prompt('text', 'What is your name?'),
      (step) => {
        (step.values as Record<string, unknown>).name = step.result;
        return step.prompt('text', 'Which school?');
      },
      async (step) => {
        const { name } = step.values as Record<string, unknown>;
        await step.context.sendActivity(`${String(name)} at ${String(step.result)}`);
        return step.endDialog();
      },
    ]),
  );
  return async (context: TurnContext) => {
    const dc = await dialogs.createContext(context);
    const result = await dc.continueDialog();
    if (result.status === 'empty') await dc.beginDialog('ask');
    await conversationState.saveChanges(context);
  };
}

describeEachBackend('bot state storage', (backend) => {
  it('fails a write with a stale eTag and overwrites with * or no eTag', async () => {
    const stores = await openStores(backend.fresh());
    try {
      const state = stores.botState;
      await state.write({ k: { count: 1 } });
      const read = (await state.read(['k'])).k as { eTag: string; count: number };
      expect(read.count).toBe(1);
      await state.write({ k: { count: 2, eTag: read.eTag } });
      await expect(state.write({ k: { count: 3, eTag: read.eTag } })).rejects.toBeInstanceOf(
        ETagConflictError,
      );
      await state.write({ k: { count: 4, eTag: '*' } });
      await state.write({ k: { count: 5 } });
      expect((await state.read(['k'])).k).toMatchObject({ count: 5 });
      await state.write({ fresh: { count: 1, eTag: 'some-etag' } });
      expect((await state.read(['fresh'])).fresh).toMatchObject({ count: 1 });
      await state.delete(['k']);
      expect(await state.read(['k'])).toEqual({});
    } finally {
      await stores.storage.close();
    }
  });

  it('lets exactly one of two writers with the same eTag win', async () => {
    const stores = await openStores(backend.fresh());
    try {
      await stores.botState.write({ k: { n: 0 } });
      const { eTag } = (await stores.botState.read(['k'])).k as { eTag: string };
      const results = await Promise.allSettled([
        stores.botState.write({ k: { n: 1, eTag } }),
        stores.botState.write({ k: { n: 2, eTag } }),
      ]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    } finally {
      await stores.storage.close();
    }
  });

  it('resumes a half-finished dialog after the bot is restarted', async () => {
    const where = backend.fresh();
    const before = await openStores(where);
    await new TestAdapter(askingBot(before))
      .send('hi')
      .assertReply('What is your name?')
      .send('Alice')
      .assertReply('Which school?')
      .startTest();
    await before.storage.close();

    const after = await openStores(where);
    try {
      await new TestAdapter(askingBot(after))
        .send('Nørre Skole')
        .assertReply('Alice at Nørre Skole')
        .startTest();
    } finally {
      await after.storage.close();
    }
  });
});
