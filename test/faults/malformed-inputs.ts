import zlib from 'node:zlib';
import type { Activity } from 'botbuilder';
import { personalMessage } from '../support/activities';
import { cardInvoke, channelMessage } from '../support/approval-world';

/** The kinds of bad input, one summary line each. */
export const inputClasses = [
  'broken-json',
  'non-utf8',
  'content-type',
  'wrong-method',
  'oversized',
  'missing-fields',
  'bad-service-url',
  'unknown-type',
  'unknown-invoke',
  'invoke-wrong-types',
  'invoke-harmless',
  'message-value',
  'dialog-cpr',
  'dialog-cvr',
  'dialog-recipient',
  'dialog-case-number',
  'status-injection',
  'odd-text',
  'channel-garbage',
  'prototype-pollution',
] as const;
export type InputClass = (typeof inputClasses)[number];

/**
 * What the right answer is:
 * - a number: exactly that status;
 * - `client-error`: a 4xx (the request is refused, no turn runs or the turn refuses it);
 * - `answered`: anything below 500.
 */
export type Expectation = number | 'client-error' | 'answered';

/** One bad request to `/api/messages`. */
export interface MalformedInput {
  cls: InputClass;
  name: string;
  method: string;
  /** A stream body is made fresh for every send (it can be read once). */
  body: string | Uint8Array | (() => ReadableStream<Uint8Array>) | undefined;
  headers: Record<string, string>;
  expect: Expectation;
  /** Messages that put the conversation mid-dialog before this input (answers must be 200). */
  setup?: Partial<Activity>[];
  /** True when the bot must answer this input with at least one message or an invoke body. */
  wantsReply: boolean;
  /** False when the activity's serviceUrl cannot be reached on purpose: no reply is seen. */
  repliesReachable: boolean;
  /** An invoke: the HTTP body is what the Teams client shows. */
  invoke: boolean;
  /** How long to wait for the HTTP answer. */
  timeoutMs: number;
}

/** What the generator needs to know about the world it fuzzes. */
export interface FuzzContext {
  /** The connector stand-in. */
  serviceUrl: string;
  /** A loopback port that nothing listens on. */
  closedServiceUrl: string;
  /** The one filed case. */
  caseNumber: string;
  /** Who filed it (AAD object id). */
  requesterId: string;
  /** An approver id from APPROVER_IDS. */
  approverId: string;
}

/** The channel conversation that `channelMessage` and `cardInvoke` post in. */
export const CHANNEL_CONVERSATION = '19:support@thread.tacv2;messageid=1';

const JSON_TYPE = { 'content-type': 'application/json' };
const utf8 = (s: string) => new TextEncoder().encode(s);

/** Answers that must never be typed by the fuzzer: they would file a case. */
export const FORBIDDEN_WORDS = ['bekræft', 'confirm'];

/** Bad CPR answers of every shape (checked against the parser by the test). */
export function badCprAnswers(): string[] {
  return [
    '',
    ' ',
    'abc',
    '12345',
    '123456789',
    '12345678901',
    '0101901234567890',
    '320190-1234',
    '001290-1234',
    '311390-1234',
    '290223-1234',
    '000000-0000',
    '010136-4000',
    '311257-5000',
    '{"$ne":null}',
    '{"$gt":""}',
    '{"$where":"sleep(1000)"}',
    "010190-1234' OR '1'='1",
    '010190-1234; DROP TABLE cases',
    '0101901234\u0000',
    '\uff10\uff11\uff10\uff11\uff19\uff10\uff11\uff12\uff13\uff14',
    '\u0660\u0661\u0660\u0661\u0669\u0660\u0661\u0662\u0663\u0664',
    '010190\u20101234',
    '01.01.90-1234',
    '1e9',
    'NaN',
    'null',
    'undefined',
    '🙂',
    '\u202e4321-091010',
    '<script>alert(1)</script>',
    '010190-123',
    '1'.repeat(100_000),
  ];
}

/** Bad CVR answers. */
export function badCvrAnswers(): string[] {
  return [
    '',
    '12345678',
    '01234567',
    '1374813',
    '137481366',
    'abcdefgh',
    '{"$ne":null}',
    '{"$gt":""}',
    '13748136 OR 1=1',
    '\uff11\uff13\uff17\uff14\uff18\uff11\uff13\uff16',
    '13748136\u0000',
    '-13748136',
    '1.3748136e7',
    'DK13748136',
    '9'.repeat(100_000),
  ];
}

/** Bad recipient names. */
export function badRecipientAnswers(): string[] {
  return [
    '',
    'a',
    'x'.repeat(101),
    '<script>alert(1)</script>',
    'Robert"); DROP TABLE cases;--',
    '{"$ne":null}',
    '\u0000\u0000',
    '🙂🙂',
    '12345',
    '${7*7}',
    '-Ole',
    'Åse\u001b[31m',
  ];
}

/** Bad earlier-case-number answers (the forgotten-login flow). */
export function badCaseNumberAnswers(): string[] {
  return [
    '',
    'UL',
    'UL-2026',
    'UL-26-00001',
    'UL-2026-0001',
    '{"$ne":null}',
    '{"$gt":""}',
    '{"$where":"sleep(100)"}',
    "UL-2026-00001' OR 1=1",
    'UL-2026-00001;DROP',
    'ul-2026-abcde',
    'UL-2026-0000\uff11',
    '\u202eUL-2026-00001',
    'UL_2026_00001',
    'x'.repeat(100_000),
  ];
}

/** Builds every malformed input, in the order they are sent. */
export function malformedInputs(ctx: FuzzContext): MalformedInput[] {
  const inputs: MalformedInput[] = [];
  const su = ctx.serviceUrl;
  let n = 0;
  const conv = (cls: string) => `fuzz-${cls}-${++n}`;
  const add = (
    cls: InputClass,
    name: string,
    body: MalformedInput['body'],
    more: Partial<MalformedInput> = {},
  ) =>
    inputs.push({
      cls,
      name,
      method: 'POST',
      body,
      headers: { ...JSON_TYPE },
      expect: 'answered',
      wantsReply: false,
      repliesReachable: true,
      invoke: false,
      timeoutMs: 15_000,
      ...more,
    });
  const json = (value: unknown) => JSON.stringify(value);
  /** A well-formed personal message from the requester, in a conversation of its own. */
  const message = (text: string, cls = 'msg', userId = ctx.requesterId) =>
    personalMessage(su, conv(cls), text, { userId }) as Record<string, unknown>;
  const sample = json(message('hej'));

  // --- broken JSON: restify's parser or the adapter must refuse it with 400 ---
  const cuts = [1, 2, 10, 25, 60, 100, Math.floor(sample.length / 2), sample.length - 1];
  for (const cut of cuts)
    add('broken-json', `truncated at ${cut}`, sample.slice(0, cut), { expect: 400 });
  const garbage: [string, string][] = [
    ['trailing garbage', `${sample}xyz`],
    ['trailing brace', `${sample}}`],
    ['two objects', `${sample},${sample}`],
    ['empty body', ''],
    ['only whitespace', '   \n\t '],
    ['null', 'null'],
    ['empty array', '[]'],
    ['array of an activity', `[${sample}]`],
    ['number', '42'],
    ['negative float', '-1.5e300'],
    ['string', '"message"'],
    ['true', 'true'],
    ['lone brace', '{'],
    ['closing brace', '}'],
    ['NaN', 'NaN'],
    ['single quotes', "{'type':'message'}"],
    ['undefined value', '{"type":undefined}'],
    ['comment', `/* hi */${sample}`],
    ['deep arrays', '['.repeat(100_000)],
  ];
  for (const [name, body] of garbage) add('broken-json', name, body, { expect: 400 });

  // --- bytes that are not UTF-8 ---
  const bytes = Uint8Array.from([0xff, 0xfe, 0xc3, 0x28, 0xa0, 0xa1, 0xe6]);
  const splice = (text: string) => {
    const [head, tail] = json(message(text, 'utf8')).split(text) as [string, string];
    return Buffer.concat([Buffer.from(head), bytes, Buffer.from(tail)]);
  };
  add('non-utf8', 'invalid bytes inside the text', splice('@@BYTES@@'), { wantsReply: true });
  add(
    'non-utf8',
    'latin-1 æ inside the text',
    (() => {
      const [head, tail] = json(message('@@B@@', 'utf8')).split('@@B@@') as [string, string];
      return Buffer.concat([Buffer.from(head), Buffer.from([0xe6, 0xf8, 0xe5]), Buffer.from(tail)]);
    })(),
    { wantsReply: true },
  );
  add(
    'non-utf8',
    'invalid bytes outside strings',
    Buffer.concat([Buffer.from('{"type":"message"'), bytes, Buffer.from('}')]),
    { expect: 400 },
  );
  add('non-utf8', 'UTF-16LE body', Buffer.from(sample, 'utf16le'), { expect: 400 });
  add(
    'non-utf8',
    'BOM before the JSON',
    Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(sample)]),
    { expect: 'client-error' },
  );
  add(
    'non-utf8',
    'lone surrogate escape',
    json(message('x')).replace('"x"', '"\\ud800\\udfff\\ud800"'),
    { wantsReply: true },
  );

  // --- wrong content types and encodings ---
  const ct = (
    name: string,
    headers: Record<string, string>,
    body: MalformedInput['body'],
    expect: Expectation = 'client-error',
  ) => add('content-type', name, body, { headers, expect });
  ct('text/plain', { 'content-type': 'text/plain' }, sample);
  ct('no content-type', {}, utf8(sample));
  ct('application/xml', { 'content-type': 'application/xml' }, '<activity type="message"/>');
  ct('application/xml with a JSON body', { 'content-type': 'application/xml' }, sample);
  ct(
    'form-urlencoded activity',
    { 'content-type': 'application/x-www-form-urlencoded' },
    `type=message&text=hej&serviceUrl=${encodeURIComponent(su)}&channelId=msteams`,
  );
  ct(
    'form-urlencoded garbage',
    { 'content-type': 'application/x-www-form-urlencoded' },
    '%%%&&&===',
  );
  ct(
    'multipart/form-data',
    { 'content-type': 'multipart/form-data; boundary=XyZ' },
    '--XyZ\r\nContent-Disposition: form-data; name="type"\r\n\r\nmessage\r\n--XyZ--\r\n',
  );
  ct('application/octet-stream', { 'content-type': 'application/octet-stream' }, utf8(sample));
  ct(
    'json with latin1 charset',
    { 'content-type': 'application/json; charset=latin1' },
    sample,
    'answered',
  );
  ct(
    'content-encoding br',
    { 'content-type': 'application/json', 'content-encoding': 'br' },
    sample,
  );
  ct(
    'content-md5 mismatch',
    { 'content-type': 'application/json', 'content-md5': 'AAAAAAAAAAAAAAAAAAAAAA==' },
    sample,
  );
  inputs.push({
    cls: 'content-type',
    name: 'content-encoding gzip with a body that is not gzip',
    method: 'POST',
    body: sample,
    headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
    expect: 'client-error',
    wantsReply: false,
    repliesReachable: true,
    invoke: false,
    timeoutMs: 3000,
  });

  // --- other methods on the messaging endpoint ---
  for (const method of ['GET', 'PUT', 'DELETE', 'PATCH']) {
    inputs.push({
      cls: 'wrong-method',
      name: method,
      method,
      body: method === 'GET' || method === 'DELETE' ? undefined : sample,
      headers: { ...JSON_TYPE },
      expect: 'client-error',
      wantsReply: false,
      repliesReachable: true,
      invoke: false,
      timeoutMs: 15_000,
    });
  }

  // --- over the 256 KB limit: 413 ---
  const big = 'x'.repeat(300 * 1024);
  add('oversized', 'JSON message of 300 KB', json(message(big)), { expect: 413 });
  add('oversized', 'text/plain of 300 KB', big, {
    headers: { 'content-type': 'text/plain' },
    expect: 413,
  });
  add('oversized', 'JSON of 1 MB', json({ type: 'message', text: 'y'.repeat(1024 * 1024) }), {
    expect: 413,
  });
  add(
    'oversized',
    'chunked JSON stream of 400 KB',
    () => chunkedStream(json(message('z'.repeat(400 * 1024)))),
    { expect: 413 },
  );
  add(
    'oversized',
    'gzip that inflates to 1 MB',
    zlib.gzipSync(json(message('w'.repeat(1024 * 1024)))),
    {
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
      expect: 413,
    },
  );
  add(
    'oversized',
    'gzip bomb: a message padded with 8 MB of spaces',
    zlib.gzipSync(json(message('bomb')).replace(/^\{/, `{${' '.repeat(8 * 1024 * 1024)}`)),
    {
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
      expect: 413,
    },
  );
  add(
    'oversized',
    'multipart file of 300 KB',
    `--XyZ\r\nContent-Disposition: form-data; name="file"; filename="a.json"\r\nContent-Type: application/json\r\n\r\n${big}\r\n--XyZ--\r\n`,
    {
      headers: { 'content-type': 'multipart/form-data; boundary=XyZ' },
      expect: 413,
    },
  );

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

  // --- invokes with names nobody handles ---
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
      { invoke: true },
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

  // --- approval-card invokes of every wrong shape: refused with 400, nothing decided ---
  const asInvoke = (
    value: unknown,
    from = ctx.approverId,
    extra: Record<string, unknown> = {},
  ) => ({
    ...cardInvoke(su, 'case.approve', {}, from),
    value,
    ...extra,
  });
  const bad = (
    name: string,
    value: unknown,
    from = ctx.approverId,
    extra: Record<string, unknown> = {},
  ) =>
    add('invoke-wrong-types', name, json(asInvoke(value, from, extra)), {
      invoke: true,
      expect: 400,
    });
  const action = (verb: unknown, data: unknown, more: Record<string, unknown> = {}) => ({
    action: { type: 'Action.Execute', verb, data, ...more },
    trigger: 'manual',
  });
  const real = ctx.caseNumber;
  bad('value null', null);
  bad('value missing', undefined);
  bad('value a string', 'approve');
  bad('value an array', [action('case.approve', { caseNumber: real })]);
  bad('value a number', 1);
  bad('action missing', { trigger: 'manual' });
  bad('action null', { action: null });
  bad('action a string', { action: 'case.approve' });
  bad('action an array', { action: [{ type: 'Action.Execute', verb: 'case.approve' }] });
  bad('action an operator', { action: { $ne: null } });
  bad('action type Action.Submit', {
    action: { type: 'Action.Submit', verb: 'case.approve', data: { caseNumber: real } },
  });
  bad('action type missing', { action: { verb: 'case.approve', data: { caseNumber: real } } });
  bad('action type a number', {
    action: { type: 1, verb: 'case.approve', data: { caseNumber: real } },
  });
  bad('verb missing', action(undefined, { caseNumber: real }));
  bad('verb null', action(null, { caseNumber: real }));
  bad('verb a number', action(1, { caseNumber: real }));
  bad('verb an operator', action({ $ne: null }, { caseNumber: real }));
  bad('verb in capitals', action('CASE.APPROVE', { caseNumber: real }));
  bad('verb unknown', action('case.delete', { caseNumber: real }));
  bad('verb empty', action('', { caseNumber: real }));
  bad('verb __proto__', action('__proto__', { caseNumber: real }));
  bad('verb constructor', action('constructor', { caseNumber: real }));
  bad('verb toString', action('toString', { caseNumber: real }));
  bad('data missing', action('case.approve', undefined));
  bad('data null', action('case.approve', null));
  bad('data a string', action('case.approve', real));
  bad('data an array', action('case.approve', [real]));
  bad('data empty', action('case.approve', {}));
  bad('data with an extra field', action('case.approve', { caseNumber: real, approved: true }));
  bad(
    'deny data with an extra field',
    action('case.deny', { caseNumber: real, reason: 'x', by: 'approver-2' }),
  );
  const caseNumbers: [string, unknown][] = [
    ['a number', 1],
    ['true', true],
    ['null', null],
    ['an array', [real]],
    ['an object', {}],
    ['{$ne: null}', { $ne: null }],
    ['{$gt: ""}', { $gt: '' }],
    ['{$where}', { $where: 'sleep(5000) || true' }],
    ['{$regex}', { $regex: '.*' }],
    ['{$in}', { $in: [real] }],
    ['SQL injection', `${real}' OR 1=1`],
    ['with a NUL', `${real}\u0000`],
    ['with a newline', `${real}\n`],
    ['a path', '../../etc/passwd'],
    ['10,000 characters', 'U'.repeat(10_000)],
    ['lower case', real.toLowerCase()],
  ];
  for (const [name, caseNumber] of caseNumbers) {
    bad(`approve, caseNumber ${name}`, action('case.approve', { caseNumber }));
  }
  for (const [name, caseNumber] of caseNumbers.slice(4, 10)) {
    bad(`refresh, caseNumber ${name}`, action('case.refresh', { caseNumber }));
  }
  const reasons: [string, unknown][] = [
    ['{$ne: null}', { $ne: null }],
    ['{$gt: ""}', { $gt: '' }],
    ['a number', 123],
    ['an array', ['x']],
    ['null', null],
    ['2,001 characters', 'r'.repeat(2001)],
  ];
  for (const [name, reason] of reasons) {
    bad(`deny, reason ${name}`, action('case.deny', { caseNumber: real, reason }));
  }
  bad(
    'deny, caseNumber {$ne: null}',
    action('case.deny', { caseNumber: { $ne: null }, reason: 'nej' }),
  );
  bad('invoke without from', action('case.approve', { caseNumber: { $gt: '' } }), ctx.approverId, {
    from: undefined,
  });

  // --- well-formed invokes that must not change the case ---
  const harmless = (
    name: string,
    value: unknown,
    from: string,
    expect: Expectation,
    extra: Record<string, unknown> = {},
  ) =>
    add('invoke-harmless', name, json(asInvoke(value, from, extra)), {
      invoke: true,
      expect,
      wantsReply: true,
    });
  harmless(
    'approve by a non-approver',
    action('case.approve', { caseNumber: real }),
    'staff-2',
    200,
  );
  harmless(
    'approve by the requester',
    action('case.approve', { caseNumber: real }),
    ctx.requesterId,
    200,
  );
  harmless(
    'deny by a non-approver',
    action('case.deny', { caseNumber: real, reason: 'nej' }),
    'staff-2',
    200,
  );
  harmless(
    'approve with extra action fields by a non-approver',
    action('case.approve', { caseNumber: real }, { $where: '1', extra: [1] }),
    'staff-2',
    200,
  );
  harmless(
    'approve an unknown case',
    action('case.approve', { caseNumber: 'UL-2026-99999' }),
    ctx.approverId,
    400,
  );
  harmless(
    'deny an unknown case',
    action('case.deny', { caseNumber: 'UL-1999-00000', reason: 'x' }),
    ctx.approverId,
    400,
  );
  harmless(
    'refresh by an approver',
    action('case.refresh', { caseNumber: real }),
    ctx.approverId,
    200,
  );
  harmless('refresh by someone else', action('case.refresh', { caseNumber: real }), 'staff-2', 200);
  harmless(
    'refresh with a 500-digit case number',
    action('case.refresh', { caseNumber: `UL-2026-${'9'.repeat(500)}` }),
    ctx.approverId,
    400,
  );
  harmless(
    'approve by an approver without a name',
    action('case.approve', { caseNumber: 'UL-2026-99998' }),
    ctx.approverId,
    400,
    {
      from: { id: `29:${ctx.approverId}`, aadObjectId: ctx.approverId },
    },
  );

  // --- Action.Submit values in the personal chat ---
  const submit = (name: string, value: unknown, text?: unknown) => {
    const activity: Record<string, unknown> = { ...message('', 'value'), text, value };
    add('message-value', name, json(activity), { expect: 200, wantsReply: true });
  };
  submit('value null', null);
  submit('value a string', 'menu.new');
  submit('value a number', 7);
  submit('value an array', [{ action: 'menu.new' }]);
  submit('value empty', {});
  submit('action a number', { action: 1 });
  submit('action null', { action: null });
  submit('action {$ne: null}', { action: { $ne: null } });
  submit('action {$gt: ""}', { action: { $gt: '' } });
  submit('action {$where}', { action: { $where: 'this.x' } });
  submit('action unknown', { action: 'case.approve', caseNumber: real });
  submit('action menu.', { action: 'menu.' });
  submit('action menu.__proto__', { action: 'menu.__proto__' });
  submit('action __proto__', { action: '__proto__' });
  submit('action toString', { action: 'toString' });
  submit('menu.status caseNumber {$ne: null}', {
    action: 'menu.status',
    caseNumber: { $ne: null },
  });
  submit('menu.status caseNumber {$gt: ""}', { action: 'menu.status', caseNumber: { $gt: '' } });
  submit('menu.status caseNumber 41 characters', {
    action: 'menu.status',
    caseNumber: 'U'.repeat(41),
  });
  submit('menu.status caseNumber injection', {
    action: 'menu.status',
    caseNumber: `${real}' OR 1=1`,
  });
  submit('menu.status caseNumber a number', { action: 'menu.status', caseNumber: 2026 });
  submit('menu.status caseNumber null', { action: 'menu.status', caseNumber: null });
  submit('menu.status extra field', { action: 'menu.status', caseNumber: real, all: true });
  submit('menu.new extra field', { action: 'menu.new', $where: '1' });
  submit('intake.edit field __proto__', { action: 'intake.edit', field: '__proto__' });
  submit('intake.edit field an operator', { action: 'intake.edit', field: { $ne: null } });
  submit('intake.cancel with no dialog', { action: 'intake.cancel' });
  submit('value and a text of the wrong type', { action: 'menu.help' }, { $ne: null });
  add(
    'message-value',
    'value nested 20,000 deep',
    json({ ...message('', 'value'), value: '@@N@@' }).replace('"@@N@@"', nestedJson(20_000)),
    { expect: 200, wantsReply: true },
  );
  submit(
    'value with 10,000 keys',
    Object.fromEntries(Array.from({ length: 10_000 }, (_, i) => [`k${i}`, i])),
  );

  // --- answers mid-dialog: groups of three in a fresh conversation ---
  const dialog = (
    cls: InputClass,
    setupTexts: string[],
    answers: unknown[],
    userId = ctx.requesterId,
  ) => {
    for (let i = 0; i < answers.length; i += 3) {
      const conversationId = conv(cls);
      answers.slice(i, i + 3).forEach((answer, j) => {
        const activity: Record<string, unknown> = {
          ...personalMessage(su, conversationId, '', { userId }),
          text: answer,
        };
        if (answer === undefined) delete activity.text;
        const label =
          typeof answer === 'string' ? describeText(answer) : `text ${json(answer) ?? 'missing'}`;
        add(cls, label, json(activity), {
          expect: 200,
          wantsReply: true,
          setup:
            j === 0
              ? setupTexts.map((t) => personalMessage(su, conversationId, t, { userId }))
              : undefined,
        });
      });
    }
  };
  const gate = ['ny unilogin', 'ja', 'ja', 'ja'];
  dialog('dialog-cpr', gate, [
    ...badCprAnswers(),
    1234567890,
    { $ne: null },
    ['0101901234'],
    true,
    null,
    undefined,
  ]);
  dialog('dialog-cvr', [...gate, '010190-1234'], [...badCvrAnswers(), 13748136, { $gt: '' }, null]);
  dialog('dialog-recipient', [...gate, '010190-1234', '13748136'], badRecipientAnswers());
  dialog('dialog-case-number', ['glemt login'], [...badCaseNumberAnswers(), { $ne: null }, 42, []]);

  // --- status with injection-like case numbers ---
  const statusTexts = [
    'status {"$ne":null}',
    "status UL-2026-00001' OR 1=1",
    'status {"$gt":""}',
    'status {"$where":"sleep(5000)"}',
    'status {"$regex":".*"}',
    'status UL-2026-00001"',
    'status ../../etc/passwd',
    `status UL-2026-${'9'.repeat(500)}`,
    'status UL-2026-00001\u0000',
    'status %00',
    'status ${7*7}',
    'status {{7*7}}',
    'status',
    'STATUS      ',
    'status [object Object]',
    'status __proto__',
    'status constructor',
    `status ${real} ${real}`,
    'mine sager {"$ne":null}',
    `status ${'x'.repeat(100_000)}`,
  ];
  for (const text of statusTexts) {
    add('status-injection', describeText(text), json(message(text, 'status')), {
      expect: 200,
      wantsReply: true,
    });
  }
  add(
    'status-injection',
    `status of the case by someone else`,
    json(message(`status ${real}`, 'status', 'staff-2')),
    {
      expect: 200,
      wantsReply: true,
    },
  );
  add(
    'status-injection',
    'status of the case by its requester',
    json(message(`status ${real}`, 'status')),
    {
      expect: 200,
      wantsReply: true,
    },
  );

  // --- long text, control characters, emoji ---
  const oddTexts = [
    'a'.repeat(100_000),
    'æ'.repeat(100_000),
    '🙂'.repeat(25_000),
    '\n'.repeat(100_000),
    ' '.repeat(100_000),
    '<at>Unilogin</at> '.repeat(5_000),
    '\u0000',
    '\u0000'.repeat(1_000),
    '\u001b[31mrød\u001b[0m',
    '\u001b]0;title\u0007',
    '\u202eevil',
    '\u202ehjælp',
    '\ufeffhjælp',
    '\u200b\u200d\u2060',
    'ny unilogin\u0000',
    '👨‍👩‍👧‍👦🇩🇰',
    'hje\u0301lp',
    '%s%s%s%n',
    '${process.exit()}',
    '<script>alert(1)</script>',
    '**fed** [link](javascript:alert(1))',
    'null',
    'undefined',
    '\r\n\r\n',
  ];
  for (const text of oddTexts) {
    add('odd-text', describeText(text), json(message(text, 'odd')), {
      expect: 200,
      wantsReply: true,
    });
  }
  add(
    'odd-text',
    '100,000 characters in English',
    json({ ...message('b'.repeat(100_000), 'odd'), locale: 'en-US' }),
    {
      expect: 200,
      wantsReply: true,
    },
  );

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

  return inputs;
}

/** A short, printable description of a typed text: control and invisible characters escaped. */
export function describeText(text: string): string {
  const shown = text.length > 40 ? `${text.slice(0, 20)}… (${text.length} chars)` : text;
  const invisible = (code: number) =>
    code < 0x20 ||
    (code >= 0x7f && code <= 0x9f) ||
    (code >= 0x200b && code <= 0x200f) ||
    (code >= 0x202a && code <= 0x202e) ||
    (code >= 0x2060 && code <= 0x2064) ||
    code === 0xfeff;
  const escaped = Array.from(shown, (c) => {
    const code = c.codePointAt(0) ?? 0;
    return invisible(code) ? `\\u${code.toString(16).padStart(4, '0')}` : c;
  }).join('');
  return `"${escaped}"`;
}

/** JSON of an object nested `depth` deep (built as text: JSON.stringify would recurse). */
function nestedJson(depth: number): string {
  return `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
}

function chunkedStream(text: string): ReadableStream<Uint8Array> {
  const bytes = utf8(text);
  let offset = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (offset >= bytes.length) {
        controller.close();
        return;
      }
      controller.enqueue(bytes.subarray(offset, offset + 16 * 1024));
      offset += 16 * 1024;
    },
  });
}
