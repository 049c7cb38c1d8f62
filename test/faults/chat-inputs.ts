import { personalMessage } from '../support/activities';
import {
  badCaseNumberAnswers,
  badCprAnswers,
  badCvrAnswers,
  badRecipientAnswers,
} from './bad-answers';
import {
  describeText,
  json,
  nestedJson,
  type InputBuilder,
  type InputClass,
} from './input-builder';

/** The personal chat: card values, wrong answers mid-dialog, status injections, odd texts. */
export function chatInputs(b: InputBuilder): void {
  const { add, message, conv, ctx } = b;
  const su = ctx.serviceUrl;
  const real = ctx.caseNumber;
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
}
