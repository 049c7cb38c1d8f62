import type { Activity } from 'botbuilder';
import { parseIncoming } from '../../bot/incoming';
import { approvalCard } from '../../cards/approval-card';
import { approvalViewOf } from '../../cards/approval-view';
import { caseVerbs, DENY_REASON_INPUT, QUESTION_INPUT } from '../../cards/case-verbs';
import { personalMessage } from '../support/activities';
import { cardInvoke, channelMessage } from '../support/approval-world';
import { aCase } from '../support/case-builder';

const URL = 'http://127.0.0.1:1/';
const CASE_NUMBER = 'UL-2026-00042';

const personal = (input: string | { value: Record<string, unknown> }) =>
  personalMessage(URL, 'personal-1', input);

/** A message in a group chat with the bot. */
function groupMessage(input: string | { value: Record<string, unknown> }): Partial<Activity> {
  const activity = personal(input);
  return {
    ...activity,
    conversation: { ...activity.conversation!, conversationType: 'groupChat', isGroup: true },
  };
}

const invoke = (verb: unknown, data: unknown) =>
  cardInvoke(URL, verb as string, data, 'approver-1');

/** The bot added to (or someone else joining) a conversation of a type. */
function membersAdded(conversationType: string | undefined, who: 'bot' | 'someone') {
  const activity = personal('');
  const id = who === 'bot' ? activity.recipient!.id : '29:someone';
  return {
    ...activity,
    type: 'conversationUpdate',
    text: undefined,
    membersAdded: [{ id, name: who }],
    conversation: { ...activity.conversation!, conversationType } as Activity['conversation'],
  };
}

/** Every Action.Execute in a card (buttons, buttons inside shown cards, the refresh action). */
function executeActionsIn(value: unknown): { verb: string; data: Record<string, string> }[] {
  if (Array.isArray(value)) return value.flatMap(executeActionsIn);
  if (!value || typeof value !== 'object') return [];
  const node = value as Record<string, unknown>;
  const own =
    node.type === 'Action.Execute' ? [node as { verb: string; data: Record<string, string> }] : [];
  return [...own, ...Object.values(node).flatMap(executeActionsIn)];
}

describe('parsing an incoming activity', () => {
  it('reads typed text in a personal chat as a personal message', () => {
    expect(parseIncoming(personal('ny unilogin'))).toEqual({ kind: 'personalMessage' });
    expect(parseIncoming(personal('hvad som helst'))).toEqual({ kind: 'personalMessage' });
  });

  it('reads a button of a personal-chat card as a card submit with its action', () => {
    expect(parseIncoming(personal({ value: { action: 'intake.confirm' } }))).toEqual({
      kind: 'cardSubmit',
      action: { action: 'intake.confirm' },
    });
    expect(parseIncoming(personal({ value: { action: 'intake.edit', field: 'cvr' } }))).toEqual({
      kind: 'cardSubmit',
      action: { action: 'intake.edit', field: 'cvr' },
    });
  });

  it('reads a value that is no action of ours as a personal message, for the dialogs to answer', () => {
    for (const value of [{ action: 'case.approve' }, { action: 'intake.confirm', x: 1 }, {}]) {
      expect(parseIncoming(personal({ value }))).toEqual({ kind: 'personalMessage' });
    }
  });

  it('reads any message in a group chat as a group message, also a card submit', () => {
    expect(parseIncoming(groupMessage('ny unilogin'))).toEqual({ kind: 'groupMessage' });
    expect(parseIncoming(groupMessage({ value: { action: 'intake.confirm' } }))).toEqual({
      kind: 'groupMessage',
    });
  });

  it.each([
    ['registrer', 'register'],
    ['register', 'register'],
    ['REGISTER', 'register'],
    ['afventende', 'pending'],
    ['pending', 'pending'],
    ['hjælp', 'help'],
    ['', 'help'],
  ])('reads the channel mention "%s" as the command %s', (typed, command) => {
    expect(parseIncoming(channelMessage(URL, typed, 'staff-2'))).toEqual({
      kind: 'channelMention',
      command,
    });
  });

  it.each(['registrer alt', '{"$ne":null}', 'ny unilogin'])(
    'reads the channel mention "%s" as out of scope, to be pointed to a personal chat',
    (typed) => {
      expect(parseIncoming(channelMessage(URL, typed, 'staff-2'))).toEqual({
        kind: 'outOfScope',
        channel: true,
      });
    },
  );

  it('reads a turn from a tenant not allowed as a foreign tenant, before anything else', () => {
    const allowed = ['tenant-1'];
    const foreign = personalMessage(URL, 'p', 'ny unilogin', { tenantId: 'tenant-x' });
    expect(parseIncoming(foreign, allowed)).toEqual({
      kind: 'foreignTenant',
      invoke: false,
      message: true,
    });
    const mixed = { ...personal('hej'), channelData: { tenant: { id: 'tenant-x' } } };
    expect(parseIncoming(mixed, allowed)).toMatchObject({ kind: 'foreignTenant' });
    expect(parseIncoming(personal('hej'), allowed)).toEqual({ kind: 'personalMessage' });
    expect(parseIncoming(foreign)).toEqual({ kind: 'personalMessage' });
  });

  it('reads a message or invoke without an AAD object id as having no actor', () => {
    const anonymous = personalMessage(URL, 'p', 'hej', { withoutAadObjectId: true });
    expect(parseIncoming(anonymous)).toEqual({ kind: 'noActor', invoke: false });
    const { from, ...rest } = invoke(caseVerbs.refresh, { caseNumber: CASE_NUMBER });
    expect(parseIncoming({ ...rest, from: { id: from!.id, name: '' } })).toEqual({
      kind: 'noActor',
      invoke: true,
    });
  });

  it('reads approve on the approval card as an approval invoke for that case', () => {
    expect(parseIncoming(invoke(caseVerbs.approve, { caseNumber: CASE_NUMBER }))).toEqual({
      kind: 'approvalInvoke',
      action: { verb: 'approve', caseNumber: CASE_NUMBER },
    });
  });

  it('reads deny with the reason typed on the card, and without one as an empty reason', () => {
    const data = { caseNumber: CASE_NUMBER, [DENY_REASON_INPUT]: 'Ikke kontaktperson' };
    expect(parseIncoming(invoke(caseVerbs.deny, data))).toEqual({
      kind: 'approvalInvoke',
      action: { verb: 'deny', caseNumber: CASE_NUMBER, reason: 'Ikke kontaktperson' },
    });
    expect(parseIncoming(invoke(caseVerbs.deny, { caseNumber: CASE_NUMBER }))).toEqual({
      kind: 'approvalInvoke',
      action: { verb: 'deny', caseNumber: CASE_NUMBER, reason: '' },
    });
  });

  it('reads the card asking for its current version as a refresh invoke', () => {
    expect(parseIncoming(invoke(caseVerbs.refresh, { caseNumber: CASE_NUMBER }))).toEqual({
      kind: 'refreshInvoke',
      action: { verb: 'refresh', caseNumber: CASE_NUMBER },
    });
  });

  it('reads every button of the approval card as the invoke it stands for', () => {
    const value = aCase();
    const card = approvalCard(
      approvalViewOf(value, { approverIds: ['a'], withActions: true, earlierCases: [] }),
      'da',
    );
    const actions = executeActionsIn(card).map(({ verb, data }) => {
      const typed =
        verb === caseVerbs.deny
          ? { ...data, [DENY_REASON_INPUT]: 'nej' }
          : verb === caseVerbs.ask
            ? { ...data, [QUESTION_INPUT]: 'Hvilken skole?' }
            : data;
      return parseIncoming(invoke(verb, typed));
    });
    expect(actions.map((incoming) => incoming.kind).sort()).toEqual([
      'approvalInvoke',
      'approvalInvoke',
      'approvalInvoke',
      'refreshInvoke',
    ]);
    expect(actions).toContainEqual({
      kind: 'approvalInvoke',
      action: { verb: 'ask', caseNumber: value.caseNumber, question: 'Hvilken skole?' },
    });
  });

  it('reads the bot added to a personal chat as installed in a personal chat', () => {
    expect(parseIncoming(membersAdded('personal', 'bot'))).toEqual({
      kind: 'installed',
      personal: true,
    });
  });

  it('reads the bot added to a conversation of no type as installed, not in a personal chat', () => {
    expect(parseIncoming(membersAdded(undefined, 'bot'))).toEqual({
      kind: 'installed',
      personal: false,
    });
  });

  it('reads the bot added to a team as installed, not in a personal chat', () => {
    expect(parseIncoming(membersAdded('channel', 'bot'))).toEqual({
      kind: 'installed',
      personal: false,
    });
  });

  it('reads someone else joining a conversation as unsupported, needing no answer', () => {
    expect(parseIncoming(membersAdded('personal', 'someone'))).toMatchObject({
      kind: 'unsupported',
      invoke: false,
    });
  });

  it.each(['typing', 'event', 'messageReaction', 'installationUpdate', 'MESSAGE'])(
    'reads an activity of type %s as unsupported, needing no answer',
    (type) => {
      expect(parseIncoming({ ...personal('hej'), type })).toMatchObject({
        kind: 'unsupported',
        invoke: false,
      });
    },
  );

  it.each(['composeExtension/query', 'task/fetch', 'ADAPTIVECARD/ACTION', '', undefined])(
    'reads an invoke named %s as an unsupported invoke, to be refused',
    (name) => {
      const activity = { ...invoke(caseVerbs.approve, { caseNumber: CASE_NUMBER }), name };
      expect(parseIncoming(activity)).toMatchObject({ kind: 'unsupported', invoke: true });
    },
  );

  const real = { caseNumber: CASE_NUMBER };
  it.each<[string, unknown, unknown]>([
    ['a verb that is not ours', 'case.delete', real],
    ['a verb in capitals', 'CASE.APPROVE', real],
    ['no verb', undefined, real],
    ['a verb that is an object', { $ne: null }, real],
    ['an extra data key on approve', caseVerbs.approve, { ...real, approved: true }],
    ['an extra data key on deny', caseVerbs.deny, { ...real, reason: 'x', by: 'approver-2' }],
    ['an extra data key on refresh', caseVerbs.refresh, { ...real, all: true }],
    ['no data', caseVerbs.approve, undefined],
    ['no case number', caseVerbs.approve, {}],
    ['a case number that is an operator', caseVerbs.approve, { caseNumber: { $ne: null } }],
    ['a case number that breaks the pattern', caseVerbs.approve, { caseNumber: 'UL-26-1' }],
    ['a case number in lower case', caseVerbs.approve, { caseNumber: 'ul-2026-00042' }],
    ['a case number with a newline', caseVerbs.refresh, { caseNumber: `${CASE_NUMBER}\n` }],
    [
      'a case number 5,000 digits long',
      caseVerbs.approve,
      { caseNumber: `UL-2026-${'9'.repeat(5000)}` },
    ],
    ['a reason that is not text', caseVerbs.deny, { ...real, reason: { $gt: '' } }],
    ['a reason over 2,000 characters', caseVerbs.deny, { ...real, reason: 'r'.repeat(2001) }],
  ])('reads an approval invoke with %s as malformed', (_name, verb, data) => {
    expect(parseIncoming(invoke(verb, data))).toEqual({
      kind: 'unsupported',
      reason: 'malformed card action',
      invoke: true,
    });
  });

  it.each<[string, unknown]>([
    ['no value', undefined],
    ['a value that is text', 'case.approve'],
    ['no action', { trigger: 'manual' }],
    ['an Action.Submit', { action: { type: 'Action.Submit', verb: 'case.approve', data: real } }],
  ])('reads a card invoke with %s as malformed', (_name, value) => {
    const activity = { ...invoke(caseVerbs.approve, real), value };
    expect(parseIncoming(activity)).toMatchObject({ kind: 'unsupported', invoke: true });
  });
});
