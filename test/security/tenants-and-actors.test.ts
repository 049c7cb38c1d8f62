import type { Activity } from 'botbuilder';
import { catalogues } from '../../texts';
import { personalMessage, post } from '../support/activities';
import { cardInvoke, type InvokeBody } from '../support/approval-world';
import type { BotProcess } from '../support/bot-process';
import { filingAnswers } from '../support/filing-answers';
import { describeEachStore, startProcessWorld, type ProcessWorld } from '../support/process-world';
import { rawStoredData } from '../support/raw-storage';
import { until } from '../support/until';

const da = catalogues.da;
const HUGE = `UL-2026-${'9'.repeat(5000)}`;

describeEachStore(
  'tenants, actors and oversized case numbers, over HTTP to a bot process',
  (mongodbUri) => {
    let world: ProcessWorld;
    let bot: BotProcess;
    beforeAll(async () => {
      world = await startProcessWorld(mongodbUri);
      bot = await world.start({ ALLOWED_TENANT_IDS: 'tenant-1,tenant-2' });
    }, 60_000);
    afterAll(() => world.close());

    async function invoke(
      activity: Partial<Activity>,
    ): Promise<{ status: number; body: InvokeBody }> {
      const res = await fetch(`http://127.0.0.1:${bot.port}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(activity),
      });
      const text = await res.text();
      return { status: res.status, body: (text ? JSON.parse(text) : {}) as InvokeBody };
    }

    const say = (
      conversation: string,
      text: string,
      options: Parameters<typeof personalMessage>[3],
    ) => post(bot.port, personalMessage(world.serviceUrl, conversation, text, options));

    it('refuses a turn from a tenant not allowed, audits it and runs nothing else', async () => {
      for (const text of ['ny unilogin', 'ja']) {
        expect(await say('evil-chat', text, { userId: 'evil-1', tenantId: 'tenant-evil' })).toBe(
          200,
        );
      }
      expect(world.connector.textsTo('evil-chat')).toEqual([
        da['tenant.refused'],
        da['tenant.refused'],
      ]);
      const refresh = await invoke({
        ...cardInvoke(
          world.serviceUrl,
          'case.refresh',
          { caseNumber: 'UL-2026-00001' },
          'approver-1',
        ),
        conversation: { id: 'evil-channel', conversationType: 'channel', tenantId: 'tenant-evil' },
        channelData: { tenant: { id: 'tenant-evil' } },
      } as Partial<Activity>);
      expect(refresh.status).toBe(403);
      expect(refresh.body.value.message).toBe(da['tenant.refused']);
      const stored = await rawStoredData(world.where);
      expect(stored).toContain('turn.tenant.refused');
      expect(stored).toContain('tenant tenant-evil');
      expect(stored).not.toContain('evil-chat/');
      // An allowed tenant is served as before.
      expect(await say('good-chat', 'hjælp', { userId: 'staff-5', tenantId: 'tenant-2' })).toBe(
        200,
      );
      expect(world.connector.textsTo('good-chat')).toEqual([da['help.text']]);
    });

    it('refuses a message, a card submit and an invoke without an AAD object id', async () => {
      const anonymous = { userId: 'nobody', withoutAadObjectId: true };
      for (const text of ['ny unilogin', 'ja']) {
        expect(await say('anon-chat', text, anonymous)).toBe(200);
      }
      const submit = personalMessage(
        world.serviceUrl,
        'anon-chat',
        { value: { action: 'intake.confirm' } },
        anonymous,
      );
      expect(await post(bot.port, submit)).toBe(200);
      expect(world.connector.textsTo('anon-chat')).toEqual(Array(3).fill(da['access.noActor']));
      const { from, ...approverInvoke } = cardInvoke(
        world.serviceUrl,
        'case.approve',
        { caseNumber: 'UL-2026-00001' },
        'approver-1',
      );
      const refused = await invoke({ ...approverInvoke, from: { id: from!.id, name: from!.name } });
      expect(refused.status).toBe(403);
      expect(refused.body.value.message).toBe(da['access.noActor']);
    });

    it('neither echoes nor audits a case number of 5,000 digits', async () => {
      for (const text of filingAnswers())
        expect(await say('staff-7-chat', text, { userId: 'staff-7' })).toBe(200);
      const filed = /UL-\d{4}-\d{5}/.exec(world.connector.textsTo('staff-7-chat').join(' '))?.[0];
      expect(filed).toBeDefined();
      const probes: Partial<Activity>[] = [
        personalMessage(world.serviceUrl, 'staff-7-chat', `status ${HUGE}`, { userId: 'staff-7' }),
        personalMessage(world.serviceUrl, 'staff-7-chat', 'status', { userId: 'staff-7' }),
        personalMessage(world.serviceUrl, 'staff-7-chat', HUGE, { userId: 'staff-7' }),
        personalMessage(
          world.serviceUrl,
          'staff-7-chat',
          { value: { action: 'intake.confirm', caseNumber: HUGE } },
          { userId: 'staff-7' },
        ),
      ];
      for (const probe of probes) expect(await post(bot.port, probe)).toBe(200);
      for (const from of ['approver-1', 'staff-7']) {
        for (const verb of ['case.refresh', 'case.approve']) {
          const answer = await invoke(
            cardInvoke(world.serviceUrl, verb, { caseNumber: HUGE }, from),
          );
          expect(JSON.stringify(answer.body)).not.toContain('9'.repeat(50));
        }
      }
      await until(() => world.connector.textsTo('staff-7-chat').length >= 12);
      const everything = [
        JSON.stringify(world.connector.calls),
        await rawStoredData(world.where),
        bot.logs.join('\n'),
      ].join('\n');
      expect(everything).not.toContain('9'.repeat(50));
    });
  },
);
