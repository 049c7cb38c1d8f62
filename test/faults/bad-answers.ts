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
