import zlib from 'node:zlib';
import {
  JSON_TYPE,
  json,
  utf8,
  type Expectation,
  type InputBuilder,
  type MalformedInput,
} from './input-builder';

/** Requests that are not a well-formed JSON activity: broken JSON, bytes, content types, methods, sizes. */
export function httpInputs(b: InputBuilder): void {
  const { add, message, ctx } = b;
  const su = ctx.serviceUrl;
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
  b.inputs.push({
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
    b.inputs.push({
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
