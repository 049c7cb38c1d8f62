import { json, type InputBuilder, type MalformedInput } from './input-builder';

/** Activities with fields missing or wrong, unreachable serviceUrls, types and invokes nobody handles. */
export function activityInputs(b: InputBuilder): void {
  const { add, message, ctx } = b;
  // --- activities with fields missing or of the wrong type ---
  const without = (
    name: string,
    change: (a: Record<string, unknown>) => void,
    more: Partial<MalformedInput> = {},
  ) => {
    const activity = message('hej', 'missing');
    change(activity);
    add('missing-fields', name, json(activity), more);
  };
  const typeRefused = { expect: 'client-error' as const };
  without('no type', (a) => delete a.type, typeRefused);
  without('type null', (a) => (a.type = null), typeRefused);
  without('type a number', (a) => (a.type = 7), typeRefused);
  without('type an object', (a) => (a.type = { $ne: null }), typeRefused);
  without('type empty', (a) => (a.type = ''), typeRefused);
  without('type an array', (a) => (a.type = ['message']), typeRefused);
  without('no conversation', (a) => delete a.conversation);
  without('conversation null', (a) => (a.conversation = null));
  without('conversation a string', (a) => (a.conversation = 'personal-1'));
  without(
    'conversation without id',
    (a) => (a.conversation = { conversationType: 'personal', tenantId: 'tenant-1' }),
  );
  without(
    'conversation id empty',
    (a) => (a.conversation = { id: '', conversationType: 'personal' }),
  );
  without(
    'conversation id a number',
    (a) => (a.conversation = { id: 42, conversationType: 'personal' }),
  );
  without(
    'conversation id an operator',
    (a) => (a.conversation = { id: { $ne: null }, conversationType: 'personal' }),
  );
  without(
    'conversationType unknown',
    (a) => ((a.conversation as Record<string, unknown>).conversationType = 'weird'),
    { wantsReply: true },
  );
  without('no from', (a) => delete a.from, { wantsReply: true });
  without('from null', (a) => (a.from = null));
  without('from a string', (a) => (a.from = 'staff-1'));
  without('from without ids', (a) => (a.from = { name: 'Nobody' }), { wantsReply: true });
  without(
    'from.aadObjectId an operator',
    (a) => (a.from = { id: '29:x', aadObjectId: { $ne: null } }),
  );
  without('no channelId', (a) => delete a.channelId);
  without('channelId a number', (a) => (a.channelId = 5));
  without('channelId unknown', (a) => (a.channelId = 'not-a-channel'), { wantsReply: true });
  without('no recipient', (a) => delete a.recipient);
  without('recipient null', (a) => (a.recipient = null));
  without('no id', (a) => delete a.id, { wantsReply: true });
  without('no locale', (a) => delete a.locale, { wantsReply: true });
  without('locale a number', (a) => (a.locale = 12));
  without('locale an object', (a) => (a.locale = { $regex: 'en' }));
  without('timestamp garbage', (a) => (a.timestamp = 'not a date'), { wantsReply: true });
  without('timestamp a number', (a) => (a.timestamp = 1e20));
  without('entities a string', (a) => (a.entities = 'mention'));
  without('entities [null]', (a) => (a.entities = [null]));
  without('attachments a string', (a) => (a.attachments = 'file'));
  without('channelData null', (a) => (a.channelData = null), { wantsReply: true });
  without('channelData a string', (a) => (a.channelData = 'tenant'));
  without('no text and no value', (a) => delete a.text, { wantsReply: true });

  // --- serviceUrls that cannot be reached (sent together: the closed port takes seconds) ---
  const badUrl = (name: string, serviceUrl: unknown) => {
    const activity = message('hej', 'url');
    if (serviceUrl === undefined) delete activity.serviceUrl;
    else activity.serviceUrl = serviceUrl;
    add('bad-service-url', name, json(activity), { repliesReachable: false, timeoutMs: 30_000 });
  };
  badUrl('serviceUrl a closed port', ctx.closedServiceUrl);
  badUrl('serviceUrl not a URL', 'not a url');
  badUrl('serviceUrl empty', '');
  badUrl('serviceUrl javascript:', 'javascript:alert(1)');
  badUrl('serviceUrl ftp:', 'ftp://127.0.0.1:1/');
  badUrl('serviceUrl a number', 123);
  badUrl('serviceUrl an object', { $ne: null });
  badUrl('no serviceUrl', undefined);

  // --- activity types the bot does not handle ---
  const otherType = (type: string, extra: Record<string, unknown> = {}) =>
    add(
      'unknown-type',
      type + (Object.keys(extra).length ? ` ${json(extra)}` : ''),
      json({ ...message('', 'type'), text: undefined, type, ...extra }),
    );
  otherType('foo');
  otherType('MESSAGE', { text: 'hej' });
  otherType('event', { name: 'mystery', value: { $ne: null } });
  otherType('event');
  otherType('conversationUpdate', { membersAdded: 'everyone' });
  otherType('conversationUpdate', { membersAdded: [null] });
  otherType('conversationUpdate', { membersAdded: [{}] });
  otherType('conversationUpdate', { membersRemoved: [{ id: 42 }] });
  otherType('messageReaction', { reactionsAdded: 'like' });
  otherType('messageReaction', { reactionsAdded: [{ type: { $ne: null } }] });
  otherType('installationUpdate', { action: { $gt: '' } });
  otherType('typing');
  otherType('endOfConversation');
  otherType('deleteUserData');
  otherType('messageUpdate', { channelData: { eventType: 'editMessage' } });
  otherType('messageDelete', { channelData: null });
  otherType('trace');
  otherType('handoff');
  otherType('command', { name: 'x' });

  // --- invokes with names nobody handles: refused with 400 and an error the client shows ---
  const invokeNamed = (name: string | undefined, value: unknown = {}) => {
    const activity: Record<string, unknown> = {
      ...message('', 'invoke'),
      type: 'invoke',
      text: undefined,
      value,
    };
    if (name !== undefined) activity.name = name;
    add(
      'unknown-invoke',
      `invoke ${name === undefined ? '(no name)' : json(name)}`,
      json(activity),
      { invoke: true, expect: 400, wantsReply: true },
    );
  };
  invokeNamed(undefined);
  invokeNamed('');
  invokeNamed('foo');
  invokeNamed('adaptiveCard/action ');
  invokeNamed('ADAPTIVECARD/ACTION');
  invokeNamed('composeExtension/query', { commandId: { $ne: null } });
  invokeNamed('composeExtension/submitAction', null);
  invokeNamed('task/fetch', 'x');
  invokeNamed('task/submit', { data: { $where: '1' } });
  invokeNamed('signin/verifyState', { state: 42 });
  invokeNamed('signin/tokenExchange', null);
  invokeNamed('fileConsent/invoke', { action: 'accept' });
  invokeNamed('actionableMessage/executeAction', []);
  invokeNamed('config/fetch');
  invokeNamed('tab/fetch');
  invokeNamed('application/search', { kind: 'search' });
  invokeNamed('healthCheck');
}
