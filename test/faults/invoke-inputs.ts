import { json, type Expectation, type InputBuilder } from './input-builder';

/** Approval-card invokes: every wrong shape (refused with 400), and well-formed ones that must not change the case. */
export function invokeInputs(b: InputBuilder): void {
  const { add, asInvoke, action, ctx } = b;
  // --- approval-card invokes of every wrong shape: refused with 400, nothing decided ---
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
}
