import { catalogues } from '../../texts';
import { personalMessage, post } from '../support/activities';
import { ConnectorStandIn } from '../support/connector-stand-in';
import { describeEachBackend } from '../support/storage-backends';
import { startTestApp, type TestApp } from '../support/test-app';

const da = catalogues.da;

describeEachBackend('filing over HTTP', (backend) => {
  const connector = new ConnectorStandIn();
  let serviceUrl: string;
  beforeAll(async () => {
    serviceUrl = await connector.start();
  });
  afterAll(() => connector.stop());

  /** Posts a message and returns the texts the bot sent back in that turn. */
  async function chat(
    app: TestApp,
    conversation: string,
    input: string | { value: Record<string, unknown> },
  ) {
    const before = connector.messagesTo(conversation).length;
    expect(await post(app.port, personalMessage(serviceUrl, conversation, input))).toBe(200);
    return connector.messagesTo(conversation).slice(before);
  }

  it('welcomes a new user with a card of buttons when installed in a personal chat', async () => {
    const app = await startTestApp(backend.fresh());
    try {
      const installed = {
        ...personalMessage(serviceUrl, 'conv-welcome', ''),
        type: 'conversationUpdate',
        membersAdded: [{ id: '28:bot-id' }, { id: '29:staff-aad-1' }],
      };
      expect(await post(app.port, installed)).toBe(200);
      const [welcome] = connector.messagesTo('conv-welcome');
      const card = welcome?.attachments?.[0]?.content as { actions: { title: string }[] };
      expect(card.actions.map((a) => a.title)).toEqual(
        expect.arrayContaining([da['welcome.new'], da['welcome.forgotten'], da['welcome.myCases']]),
      );
    } finally {
      await app.close();
    }
  });

  it('files a case from HTTP to reply, resuming after a restart in the middle', async () => {
    const where = backend.fresh();
    const conversation = `conv-${backend.name}-restart`;
    let app = await startTestApp(where);
    for (const answer of ['ny unilogin', 'ja', 'ja', 'ja']) await chat(app, conversation, answer);
    const wrongCpr = await chat(app, conversation, '310290-1234');
    expect(wrongCpr.map((a) => a.text)).toEqual([da['problem.cpr.date'], da['ask.cpr']]);
    expect((await chat(app, conversation, '010190-1234')).map((a) => a.text)).toEqual([
      da['ask.cvr'],
    ]);
    await app.close();

    app = await startTestApp(where);
    try {
      expect((await chat(app, conversation, '13748136')).map((a) => a.text)).toEqual([
        da['ask.recipient'],
      ]);
      const [summary] = await chat(app, conversation, 'Åse Ørum-Jæger');
      expect(JSON.stringify(summary)).toContain('010190-****');
      expect(JSON.stringify(summary)).not.toMatch(/010190-?1234/);
      const filed = await chat(app, conversation, { value: { action: 'intake.confirm' } });
      const caseNumber = /UL-\d{4}-\d{5}/.exec(filed[0]?.text ?? '')?.[0];
      expect(caseNumber).toBeDefined();
      const [status] = await chat(app, conversation, `status ${caseNumber}`);
      expect(JSON.stringify(status)).toContain(da['state.filed']);
      expect(app.logs.join('\n')).not.toMatch(/010190-?1234|0101901234/);
    } finally {
      await app.close();
    }
  });
});
