import { describeEachBackend } from '../support/storage-backends';
import {
  OTHER_CVR,
  answers,
  forgottenInputs,
  issuedEarlierCase,
  useChats,
} from '../dialogs/chat-flows';

describeEachBackend('editing the CVR of a forgotten login', (backend) => {
  const open = useChats();

  test("an edit to another institution's CVR checks the earlier case again and is refused", async () => {
    const c = await open(backend.fresh());
    const earlier = await issuedEarlierCase(c);
    await c.sendAll(forgottenInputs(c, earlier));
    const replies = await c.texts({ value: { action: 'intake.edit', field: 'cvr' } });
    expect(replies).toEqual([c.t('ask.cvr')]);
    expect(await c.texts(OTHER_CVR)).toEqual([
      c.t('problem.earlierCaseMismatch'),
      c.t('ask.earlierCaseNumber'),
    ]);
    expect(c.filed).toEqual([earlier]);
  });

  test('an edit back to its own CVR goes on to the summary', async () => {
    const c = await open(backend.fresh());
    const earlier = await issuedEarlierCase(c);
    await c.sendAll(forgottenInputs(c, earlier));
    await c.sendAll([{ value: { action: 'intake.edit', field: 'cvr' } }, answers.cvr]);
    await c.send({ value: { action: 'intake.confirm' } });
    expect(c.filed).toHaveLength(2);
    expect((await c.stored(c.filed[1]!))?.institution.cvr).toBe(answers.cvr);
  });
});
