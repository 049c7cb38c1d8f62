import { catalogues } from '../../texts';
import {
  cardInvoke,
  startApprovalWorld,
  type ApprovalWorld,
  type InvokeBody,
} from '../support/approval-world';
import { describeEachBackend } from '../support/storage-backends';
import { until } from '../support/until';

const { da, en } = catalogues;
/** English approval-card texts that would show the card flipped to English. */
const ENGLISH = [
  en['approval.approve'],
  en['approval.deny'],
  en['approval.recipient'],
  en['approval.filedBy'],
  'Unilogin case ',
  'Approved by',
];

describeEachBackend('the approval card speaks the channel language', (backend) => {
  let world: ApprovalWorld;
  beforeEach(async () => {
    world = await startApprovalWorld(backend.fresh());
    await world.channel('registrer', 'approver-1');
  });
  afterEach(() => world.close());

  /** An approval-card action from a Teams client whose locale is en-US. */
  async function invokeInEnglish(verb: string, data: unknown, fromId: string) {
    const res = await fetch(`http://127.0.0.1:${world.app.port}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        ...cardInvoke(world.serviceUrl, verb, data, fromId),
        locale: 'en-US',
      }),
    });
    return { status: res.status, body: (await res.json()) as InvokeBody };
  }
  const expectDanish = (card: unknown) => {
    const json = JSON.stringify(card);
    expect(json).toContain(da['approval.recipient']);
    for (const english of ENGLISH) expect(json).not.toContain(english);
  };

  it('gives an approver with an en-US client the Danish card on refresh and after deciding', async () => {
    const caseNumber = await world.file();
    const refreshed = await invokeInEnglish('case.refresh', { caseNumber }, 'approver-2');
    expect(refreshed.status).toBe(200);
    expectDanish(refreshed.body.value);
    const actions = JSON.stringify(refreshed.body.value.actions);
    expect(actions).toContain(`"title":"${da['approval.approve']}"`);
    expect(actions).toContain(`"title":"${da['approval.deny']}"`);

    const approved = await invokeInEnglish('case.approve', { caseNumber }, 'approver-2');
    expectDanish(approved.body.value);
    expect(JSON.stringify(approved.body.value)).toContain('Godkendt af Name of approver-2');

    const again = await invokeInEnglish('case.approve', { caseNumber }, 'approver-3');
    expectDanish(again.body.value);
    expect(JSON.stringify(again.body.value)).toContain('Sagen er allerede afgjort af');
  });

  it('refuses an en-US non-approver who presses "Afgør sagen" on the Danish card, in Danish', async () => {
    const caseNumber = await world.file();
    const answer = await invokeInEnglish('case.refresh', { caseNumber }, 'someone-else');
    for (const english of ENGLISH) expect(JSON.stringify(answer.body.value)).not.toContain(english);
    expect(JSON.stringify(answer.body.value)).toContain(da['access.noAccess']);
    expect(JSON.stringify(answer.body.value)).not.toContain(caseNumber);
    expect(JSON.stringify(answer.body.value.actions ?? [])).not.toMatch(/case\.approve/);
  });

  it('shows the same labels to an en-US approver as the posted card shows everyone', async () => {
    const caseNumber = await world.file();
    await until(() => world.connector.calls.some((c) => c.path === '/v3/conversations'));
    const posted = world.connector.calls.find((c) => c.path === '/v3/conversations')!;
    const postedCard = (posted.body.activity as { attachments: { content: InvokeBody['value'] }[] })
      .attachments[0]!.content;
    const refreshed = await invokeInEnglish('case.refresh', { caseNumber }, 'approver-2');
    expect(refreshed.body.value.body).toEqual(postedCard.body);
  });

  it('answers an action on an unknown case with an error in the clicker language (no card)', async () => {
    const answer = await invokeInEnglish(
      'case.approve',
      { caseNumber: 'UL-2026-99999' },
      'approver-1',
    );
    expect([answer.status, answer.body.value.message]).toEqual([
      400,
      en['approval.notice.unknownCase'],
    ]);
  });
});
