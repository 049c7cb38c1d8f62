import type { Activity } from 'botbuilder';
import { languageOf, text } from '../../texts';
import { personalMessage } from '../support/activities';
import { channelMessage } from '../support/approval-world';
import { describeText, json, type Expectation, type InputBuilder } from './input-builder';

/** Team channels, group chats, and keys that would pollute prototypes. */
export function channelInputs(b: InputBuilder): void {
  const { add, message, asInvoke, action, conv, ctx } = b;
  const su = ctx.serviceUrl;
  const real = ctx.caseNumber;
  // --- channel messages: non-approvers and garbage ---
  const channel = (
    name: string,
    activity: Partial<Activity> | Record<string, unknown>,
    wantsReply = true,
    expect: Expectation = 200,
  ) => add('channel-garbage', name, json(activity), { expect, wantsReply });
  for (const [text, from] of [
    ['registrer', 'staff-2'],
    ['register', 'staff-2'],
    ['REGISTER', ctx.requesterId],
    ['register {"$ne":null}', 'staff-2'],
    ['register\u0000', 'staff-2'],
    ['afventende', 'staff-2'],
    ['pending', ctx.requesterId],
    ['pending', ctx.approverId],
    ['', 'staff-2'],
    ['asdf qwerty', 'staff-2'],
    ['{"$where":"1"}', ctx.approverId],
    ['x'.repeat(100_000), 'staff-2'],
    ['\u202eretsiger', 'staff-2'],
    ['🙂', ctx.approverId],
  ] as const) {
    channel(`${describeText(text)} from ${from}`, channelMessage(su, text, from));
  }
  const chan = (text: string, from: string) =>
    channelMessage(su, text, from) as Record<string, unknown>;
  channel(
    'register without from',
    { ...chan('register', 'staff-2'), from: undefined },
    false,
    'answered',
  );
  channel('register from {}', { ...chan('register', 'staff-2'), from: {} }, false, 'answered');
  channel(
    'register from an operator id',
    { ...chan('register', 'staff-2'), from: { id: { $ne: null }, aadObjectId: { $ne: null } } },
    false,
    'answered',
  );
  channel('mention without mentioned', {
    ...chan('register', 'staff-2'),
    entities: [{ type: 'mention', text: '<at>Unilogin</at>' }],
  });
  channel('mention with mentioned null', {
    ...chan('pending', 'staff-2'),
    entities: [{ type: 'mention', mentioned: null }],
  });
  channel('channel message without text', { ...chan('', 'staff-2'), text: undefined });
  channel('channel message text a number', { ...chan('', 'staff-2'), text: 42 });
  channel('channel message without channelData', {
    ...chan('register', 'staff-2'),
    channelData: undefined,
  });

  // --- group chats: one polite answer that the bot works in personal chats, no dialog runs ---
  const groupChat = (
    name: string,
    input: string | { value: Record<string, unknown> },
    options: { locale?: string; userId?: string; setup?: string[] } = {},
  ) => {
    const conversationId = conv('group');
    const { locale = 'da-DK', userId = ctx.requesterId } = options;
    const inGroup = (typed: string | { value: Record<string, unknown> }) => {
      const activity = personalMessage(su, conversationId, typed, { locale, userId });
      const conversation = { ...activity.conversation!, conversationType: 'groupChat' };
      return { ...activity, conversation: { ...conversation, isGroup: true } };
    };
    add('group-chat', name, json(inGroup(input)), {
      expect: 200,
      wantsReply: true,
      onlyReplies: [text(languageOf(locale), 'groupChat.personalOnly')],
      setup: options.setup?.map(inGroup),
    });
  };
  const gate = ['ny unilogin', 'ja', 'ja', 'ja'];
  groupChat('"ny unilogin"', 'ny unilogin');
  groupChat('"glemt login"', 'glemt login');
  groupChat('"hjælp"', 'hjælp');
  groupChat('"mine sager" by the requester', 'mine sager');
  groupChat('status of the case by its requester', `status ${real}`);
  groupChat('status of the case by someone else', `status ${real}`, { userId: 'staff-2' });
  groupChat('a CPR after the gate questions', '010190-1234', { setup: gate });
  groupChat(
    'the confirm button after a full set of answers',
    { value: { action: 'intake.confirm' } },
    { setup: [...gate, '010190-1234', '13748136', 'Åse Ørum'] },
  );
  groupChat('a welcome-card button', { value: { action: 'menu.new' } });
  groupChat('status from the welcome card', { value: { action: 'menu.status', caseNumber: real } });
  groupChat('"new login" in English', 'new login', { locale: 'en-US' });
  groupChat('"registrer" with an @mention, by an approver', '<at>Unilogin</at> registrer', {
    userId: ctx.approverId,
  });
  groupChat('"afventende" with an @mention, by an approver', '<at>Unilogin</at> afventende', {
    userId: ctx.approverId,
  });

  // --- keys that would pollute prototypes if merged carelessly ---
  const pollutingKeys =
    '"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}}';
  /** Puts the polluting keys first into an object field of the activity, keeping its own keys. */
  const inject = (activity: Record<string, unknown>, field: string) =>
    json(activity).replace(`"${field}":{`, `"${field}":{${pollutingKeys},`);
  add(
    'prototype-pollution',
    'activity with __proto__ and constructor keys',
    json(message('hej', 'proto')).replace(/^\{/, `{${pollutingKeys},`),
    { wantsReply: true },
  );
  add(
    'prototype-pollution',
    'value with __proto__',
    inject({ ...message('', 'proto'), value: { action: 'menu.help' } }, 'value'),
    {
      wantsReply: true,
    },
  );
  add(
    'prototype-pollution',
    'channelData with __proto__',
    inject(message('hej', 'proto'), 'channelData'),
    {
      wantsReply: true,
    },
  );
  add('prototype-pollution', 'from with __proto__', inject(message('hej', 'proto'), 'from'), {
    wantsReply: true,
  });
  add(
    'prototype-pollution',
    'conversation with __proto__',
    inject(message('hej', 'proto'), 'conversation'),
    {
      wantsReply: true,
    },
  );
  add(
    'prototype-pollution',
    'invoke data with __proto__',
    inject(asInvoke(action('case.refresh', { caseNumber: real })), 'data'),
    { invoke: true, expect: 400 },
  );
  add(
    'prototype-pollution',
    'Action.Submit with __proto__ in a dialog answer',
    inject({ ...message('', 'proto'), value: { action: 'intake.edit', field: 'cpr' } }, 'value'),
    { wantsReply: true },
  );
}
