import type { Activity } from 'botbuilder';
import type { CaseNumber } from '../../cases/case-number';
import { catalogues } from '../../texts';
import { personalMessage, post } from '../support/activities';
import {
  cardInvoke,
  channelMessage,
  startApprovalWorld,
  type ApprovalWorld,
  type InvokeBody,
} from '../support/approval-world';
import { rawStoredData } from '../support/raw-storage';
import { describeEachBackend } from '../support/storage-backends';
import { caseDataIn } from './case-data';

const da = catalogues.da;
const CHANNEL = '19:support@thread.tacv2;messageid=1';
const OTHER_CHANNEL = '19:general@thread.tacv2;messageid=7';

describeEachBackend('reads are approvers-only and dialogs personal-only', (backend) => {
  let world: ApprovalWorld;
  let caseNumber: CaseNumber;
  beforeEach(async () => {
    world = await startApprovalWorld(backend.fresh());
    await world.channel('registrer', 'approver-1');
    caseNumber = await world.file('staff-1');
  });
  afterEach(() => world.close());

  /** Posts an invoke activity as it is and returns its HTTP status and body. */
  async function invoke(
    activity: Partial<Activity>,
  ): Promise<{ status: number; body: InvokeBody }> {
    const res = await fetch(`http://127.0.0.1:${world.app.port}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(activity),
    });
    return { status: res.status, body: JSON.parse(await res.text()) as InvokeBody };
  }

  /** The card invoke of `verb` from `fromId`, sent from their personal chat with the bot. */
  const fromPersonalChat = (verb: string, fromId: string): Partial<Activity> => ({
    ...cardInvoke(world.serviceUrl, verb, { caseNumber }, fromId),
    conversation: {
      id: `personal-${fromId}`,
      conversationType: 'personal',
      tenantId: 'tenant-1',
    } as Activity['conversation'],
    channelData: { tenant: { id: 'tenant-1' } },
  });

  const auditActions = async (actor: string) =>
    (await world.app.stores.audit.forCase(caseNumber))
      .filter((e) => 'aadObjectId' in e.actor && e.actor.aadObjectId === actor)
      .map((e) => e.action);

  it('answers case.refresh from a non-approver in a personal chat with no case data, and audits it', async () => {
    for (const who of ['staff-2', 'staff-1']) {
      const answer = await invoke(fromPersonalChat('case.refresh', who));
      const shown = JSON.stringify(answer.body);
      expect(caseDataIn(shown, caseNumber)).toEqual([]);
      expect(shown).toContain(da['access.noAccess']);
      expect(await auditActions(who)).toContain('case.read.refused');
    }
  });

  it('answers case.refresh, approve and deny from a non-approver in the channel with no case data, and audits them', async () => {
    for (const verb of ['case.refresh', 'case.approve', 'case.deny']) {
      const data = verb === 'case.deny' ? { caseNumber, reason: 'x' } : { caseNumber };
      const answer = await world.invoke(verb, data, 'staff-2');
      const shown = JSON.stringify(answer.body);
      expect(caseDataIn(shown, caseNumber)).toEqual([]);
      expect(shown).toContain(da['access.noAccess']);
    }
    expect(await auditActions('staff-2')).toEqual([
      'case.read.refused',
      'decision.refused',
      'decision.refused',
    ]);
    expect((await world.app.stores.cases.get(caseNumber))?.state).toBe('filed');
    // An approver still gets the card with its buttons.
    const viewed = await world.invoke('case.refresh', { caseNumber }, 'approver-2');
    expect(JSON.stringify(viewed.body)).toContain(caseNumber);
    expect(JSON.stringify(viewed.body.value.actions)).toContain('case.approve');
  });

  it('refuses afventende from a non-approver without naming a case, and audits it', async () => {
    await world.channel('afventende', 'staff-2');
    const answer = world.connector.textsTo(CHANNEL).at(-1) ?? '';
    expect(answer).toBe(da['channel.approversOnly']);
    expect(caseDataIn(answer, caseNumber)).toEqual([]);
    expect(await rawStoredData(world.app.where)).toContain('channel.pending.refused');
  });

  it('refuses afventende from an approver outside the registered channel without naming a case', async () => {
    const inSupport = channelMessage(world.serviceUrl, 'afventende', 'approver-2');
    const elsewhere = {
      ...inSupport,
      conversation: { ...inSupport.conversation!, id: OTHER_CHANNEL },
      channelData: {
        ...(inSupport.channelData as object),
        channel: { id: '19:general@thread.tacv2' },
      },
    };
    expect(await post(world.app.port, elsewhere)).toBe(200);
    const answers = world.connector.textsTo(OTHER_CHANNEL);
    expect(answers).toEqual([da['channel.pendingWrongChannel']]);
    await world.channel('afventende', 'approver-2');
    expect(world.connector.textsTo(CHANNEL).at(-1)).toContain(caseNumber);
  });

  it('records the team and channel of the registration in the audit log', async () => {
    expect(await rawStoredData(world.app.where)).toContain(
      'team 19:team@thread.tacv2 channel 19:support@thread.tacv2',
    );
  });

  it('answers a channel message that is no command with one line pointing to a personal chat', async () => {
    await world.channel('ny unilogin', 'staff-2');
    expect(world.connector.textsTo(CHANNEL).at(-1)).toBe(da['scope.personalOnly']);
    expect(world.connector.textsTo(CHANNEL)).not.toContain(da['channel.help']);
  });

  it('never reaches the CPR question from a group chat, nor from a conversation of no or unknown type', async () => {
    for (const conversationType of ['groupChat', null, 'meeting']) {
      const conversation = `conv-${String(conversationType)}`;
      const answers = ['ny unilogin', 'ja', 'ja', 'ja'];
      const options = { userId: 'staff-3', conversationType };
      for (const text of answers) {
        const activity = personalMessage(world.serviceUrl, conversation, text, options);
        expect(await post(world.app.port, activity)).toBe(200);
      }
      const value = { value: { action: 'intake.confirm' } };
      const submit = personalMessage(world.serviceUrl, conversation, value, options);
      expect(await post(world.app.port, submit)).toBe(200);
      const texts = world.connector.textsTo(conversation);
      expect(texts).toHaveLength(answers.length + 1);
      expect(texts).not.toContain(da['ask.cpr']);
      const refusal =
        conversationType === 'groupChat' ? da['groupChat.personalOnly'] : da['scope.personalOnly'];
      expect(new Set(texts)).toEqual(new Set([refusal]));
    }
    expect(await world.app.stores.cases.listByRequester('staff-3', 10)).toEqual([]);
  });
});
