import {
  caseSchema,
  caseStates,
  MAX_ANSWER_LENGTH,
  MAX_QUESTION_LENGTH,
  splitCase,
  type CaseIn,
  type CaseState,
  type Question,
} from '../../cases/case';
import type { Effect } from '../../cases/effects';
import {
  isRefused,
  MAX_REASON_LENGTH,
  mayDecide,
  QUESTION_REMINDER_MS,
  statesFor,
  transition,
  type Command,
  type Refused,
  type Rules,
  type Transition,
} from '../../cases/lifecycle';
import { aCase, aCaseIn } from '../support/case-builder';

const NOW = new Date('2026-03-04T05:06:07.000Z');
const REQUESTER = { aadObjectId: 'staff-1', name: 'Staff One' };
const APPROVER = { aadObjectId: 'approver-1', name: 'Anna Approver' };
const OUTSIDER = { aadObjectId: 'outsider-1', name: 'Olle Outsider' };
/** The requester of the test cases is an approver too, so that four eyes can be tested. */
const rules: Rules = { isApprover: (id) => ['approver-1', 'approver-2', 'staff-1'].includes(id) };

const DECISION = { by: { aadObjectId: 'approver-2', name: 'Bo' }, at: '2026-03-01T10:00:00.000Z' };
/** The open question of the test case waiting for an answer. */
const QUESTION: Question = {
  question: 'Er modtageren skolens leder?',
  askedBy: { aadObjectId: 'approver-2', name: 'Bo' },
  askedAt: '2026-03-02T09:00:00.000Z',
};
const REMINDER_AT = new Date(NOW.getTime() + QUESTION_REMINDER_MS).toISOString();

/** A case in each state, with the fields that state carries (sending: a first attempt). */
const inState: { [S in CaseState]: () => CaseIn<S> } = {
  filed: () => aCase(),
  info_requested: () => aCaseIn('info_requested', { questions: [QUESTION] }),
  approved: () => aCaseIn('approved', { decision: DECISION }),
  sending: () => aCaseIn('sending', { decision: DECISION, attempt: 1, inFlight: true }),
  mail_sent: () =>
    aCaseIn('mail_sent', {
      decision: DECISION,
      mail: { sentAt: '2026-03-02T10:00:00.000Z', username: 'abcd1234' },
    }),
  denied: () => aCaseIn('denied', { decision: { ...DECISION, reason: 'Forkert CVR' } }),
};

const commands: { [K in Command['kind']]: Extract<Command, { kind: K }> } = {
  ask: { kind: 'ask', by: APPROVER, question: 'Hvem er modtageren?' },
  answer: { kind: 'answer', by: REQUESTER, text: 'Skolens leder', questionAt: QUESTION.askedAt },
  approve: { kind: 'approve', by: APPROVER, institutionListed: true },
  deny: { kind: 'deny', by: APPROVER, reason: 'Forkert CVR' },
  startSending: { kind: 'startSending' },
  mailFailed: { kind: 'mailFailed', error: 'SMTP 451 try later' },
  mailSent: { kind: 'mailSent', messageId: '<m1@x>', username: 'abcd1234', replacedEarlier: false },
};

const OUTBOX = { system: 'outbox' };

/** The table in lifecycle.ts, written out: each allowed (command, from) and what it gives. */
const table: {
  command: Command['kind'];
  from: CaseState;
  to: CaseState;
  effects: Effect[];
  audit?: { action: string; actor: object; detail?: string };
}[] = [
  {
    command: 'ask',
    from: 'filed',
    to: 'info_requested',
    effects: [
      { kind: 'updateCard' },
      { kind: 'tellRequester', notice: 'question', questionAt: NOW.toISOString() },
      {
        kind: 'tellRequester',
        notice: 'questionReminder',
        questionAt: NOW.toISOString(),
        notBefore: REMINDER_AT,
      },
    ],
    audit: { action: 'case.info_requested', actor: APPROVER },
  },
  {
    command: 'answer',
    from: 'info_requested',
    to: 'filed',
    effects: [{ kind: 'updateCard' }, { kind: 'replyInThread', questionAt: QUESTION.askedAt }],
    audit: { action: 'case.info_answered', actor: REQUESTER },
  },
  {
    command: 'approve',
    from: 'filed',
    to: 'approved',
    effects: [{ kind: 'sendMail' }, { kind: 'updateCard' }],
    audit: { action: 'case.approved', actor: APPROVER },
  },
  {
    command: 'approve',
    from: 'info_requested',
    to: 'approved',
    effects: [{ kind: 'sendMail' }, { kind: 'updateCard' }],
    audit: { action: 'case.approved', actor: APPROVER },
  },
  {
    command: 'deny',
    from: 'filed',
    to: 'denied',
    effects: [{ kind: 'updateCard' }, { kind: 'tellRequester', notice: 'denied' }],
    audit: { action: 'case.denied', actor: APPROVER },
  },
  {
    command: 'deny',
    from: 'info_requested',
    to: 'denied',
    effects: [{ kind: 'updateCard' }, { kind: 'tellRequester', notice: 'denied' }],
    audit: { action: 'case.denied', actor: APPROVER },
  },
  { command: 'startSending', from: 'approved', to: 'sending', effects: [] },
  { command: 'startSending', from: 'sending', to: 'sending', effects: [] },
  {
    command: 'mailFailed',
    from: 'sending',
    to: 'sending',
    effects: [{ kind: 'updateCard' }],
    audit: { action: 'mail.failed', actor: OUTBOX, detail: 'SMTP 451 try later' },
  },
  {
    command: 'mailSent',
    from: 'sending',
    to: 'mail_sent',
    effects: [{ kind: 'updateCard' }, { kind: 'tellRequester', notice: 'mailSent' }],
    audit: { action: 'case.mail_sent', actor: OUTBOX },
  },
];

const allowed = (command: Command['kind'], state: CaseState) =>
  table.some((row) => row.command === command && row.from === state);

/**
 * Every (command, state) the table does not allow. An answer on a filed case is the one
 * exception: its question was answered already, and it is refused as such (see 'answer').
 */
const refusedCases = Object.keys(commands).flatMap((command) =>
  caseStates
    .filter((state) => !allowed(command as Command['kind'], state))
    .filter((state) => !(command === 'answer' && state === 'filed'))
    .map((state) => ({ command: command as Command['kind'], state })),
);

function applied(result: Transition | Refused): Transition {
  if (isRefused(result)) throw new Error(`refused: ${result.refused} (${result.detail})`);
  return result;
}

function refusal(result: Transition | Refused): Refused['refused'] {
  if (!isRefused(result)) throw new Error(`not refused: went to ${result.next.state}`);
  return result.refused;
}

describe('the lifecycle table', () => {
  it.each(table)(
    '$command from $from goes to $to with its documented effects and audit entry',
    ({ command, from, to, effects, audit }) => {
      const current = inState[from]();
      const before = structuredClone(current);
      const result = applied(transition(current, commands[command], NOW, rules));
      expect(result.next.state).toBe(to);
      expect(result.effects).toEqual(effects);
      if (audit) {
        expect(result.audit).toEqual({
          at: NOW.toISOString(),
          caseNumber: current.caseNumber,
          cprHash: current.subject.cprHash,
          ...audit,
        });
      } else {
        expect(result.audit).toBeUndefined();
      }
      expect(caseSchema.parse(result.next)).toEqual(result.next);
      expect(splitCase(result.next).facts).toEqual(splitCase(current).facts);
      expect(current).toEqual(before);
    },
  );

  it.each(Object.keys(commands) as Command['kind'][])(
    'names exactly the documented states as those %s may start from',
    (command) => {
      const documented = table.filter((row) => row.command === command).map((row) => row.from);
      expect([...statesFor(commands[command])].sort()).toEqual([...new Set(documented)].sort());
    },
  );

  it.each(refusedCases)('refuses $command from $state as wrongState', ({ command, state }) => {
    const current = inState[state]();
    const result = transition(current, commands[command], NOW, rules);
    expect(refusal(result)).toBe('wrongState');
    expect((result as Refused).detail).toEqual(expect.any(String));
  });
});

describe('who may decide or ask', () => {
  const decisions = [commands.approve, commands.deny, commands.ask].flatMap((command) =>
    caseStates.map((state) => ({ kind: command.kind, command, state })),
  );

  it.each(decisions)(
    'refuses $kind by a non-approver before looking at the state ($state)',
    ({ command, state }) => {
      const result = transition(inState[state](), { ...command, by: OUTSIDER }, NOW, rules);
      expect(refusal(result)).toBe('notAnApprover');
    },
  );

  it.each(decisions)(
    'refuses $kind by the approver who filed the case, in any state ($state)',
    ({ command, state }) => {
      const result = transition(inState[state](), { ...command, by: REQUESTER }, NOW, rules);
      expect(refusal(result)).toBe('ownCase');
    },
  );

  it('shows the buttons only to an approver who did not file the case', () => {
    const filed = inState.filed();
    expect(mayDecide(filed, APPROVER, rules)).toBe(true);
    expect(mayDecide(filed, OUTSIDER, rules)).toBe(false);
    expect(mayDecide(filed, REQUESTER, rules)).toBe(false);
  });
});

describe('who may answer', () => {
  const others = caseStates.flatMap((state) =>
    [APPROVER, OUTSIDER].map((by) => ({ state, by, who: by.name })),
  );

  it.each(others)(
    'refuses an answer by $who, who did not file the case, before looking at the state ($state)',
    ({ state, by }) => {
      const result = transition(inState[state](), { ...commands.answer, by }, NOW, rules);
      expect(refusal(result)).toBe('notRequester');
    },
  );
});

describe('ask', () => {
  it('records the question, who asked and when, and the case waits for the answer', () => {
    const result = applied(transition(inState.filed(), commands.ask, NOW, rules));
    expect(result.next).toMatchObject({
      state: 'info_requested',
      questions: [
        { question: 'Hvem er modtageren?', askedBy: APPROVER, askedAt: NOW.toISOString() },
      ],
    });
  });

  it('reminds the requester once, two days after the question', () => {
    const result = applied(transition(inState.filed(), commands.ask, NOW, rules));
    const reminders = result.effects.filter(
      (effect) => effect.kind === 'tellRequester' && effect.notice === 'questionReminder',
    );
    expect(reminders).toEqual([expect.objectContaining({ notBefore: '2026-03-06T05:06:07.000Z' })]);
  });

  it('keeps the earlier, answered questions and adds the new one last', () => {
    const answered = { ...QUESTION, answer: { text: 'Ja', by: REQUESTER, at: DECISION.at } };
    const current = aCase({ questions: [answered] });
    const result = applied(transition(current, commands.ask, NOW, rules));
    expect(result.next.questions).toEqual([
      answered,
      { question: 'Hvem er modtageren?', askedBy: APPROVER, askedAt: NOW.toISOString() },
    ]);
  });

  it('refuses a second question while one is open, as wrongState', () => {
    const result = transition(inState.info_requested(), commands.ask, NOW, rules);
    expect(refusal(result)).toBe('wrongState');
    expect((result as Refused).detail).toBe('not allowed now');
  });

  it.each(['', '   ', '\n\t \r\n', '\u0000\u0007'])(
    'refuses the question %j as missing',
    (question) => {
      const command = { ...commands.ask, question };
      expect(refusal(transition(inState.filed(), command, NOW, rules))).toBe('questionMissing');
    },
  );

  it.each(['Er 010190-1234 rigtigt?', 'se 0101901234', 'nr. 010190 - 1234 passer ikke'])(
    'refuses the question %j: it holds a CPR, which would be stored and sent',
    (question) => {
      const result = transition(inState.filed(), { ...commands.ask, question }, NOW, rules);
      expect(refusal(result)).toBe('questionHasCpr');
      expect(JSON.stringify(result)).not.toContain('1234');
    },
  );

  it('keeps a question cleaned, and never audits its text', () => {
    const question = `  Hvem\u0000er \n\t modtageren? ${'x'.repeat(MAX_QUESTION_LENGTH - 30)}`;
    const result = applied(transition(inState.filed(), { ...commands.ask, question }, NOW, rules));
    const kept = result.next.questions?.at(-1)?.question;
    expect(typeof kept === 'string' && kept.startsWith('Hvem er modtageren? xxx')).toBe(true);
    expect(caseSchema.safeParse(result.next).success).toBe(true);
    expect(result.audit?.detail).toBeUndefined();
    expect(JSON.stringify(result.audit)).not.toContain('modtageren');
  });

  it(`refuses a question over ${MAX_QUESTION_LENGTH} characters instead of cutting it`, () => {
    const question = `Er ${'x'.repeat(MAX_QUESTION_LENGTH)} 010190-1234?`;
    const result = transition(inState.filed(), { ...commands.ask, question }, NOW, rules);
    expect(refusal(result)).toBe('questionTooLong');
  });
});

describe('answer', () => {
  it('records the answer on the open question and returns the case to filed', () => {
    const result = applied(transition(inState.info_requested(), commands.answer, NOW, rules));
    expect(result.next).toMatchObject({
      state: 'filed',
      questions: [
        { ...QUESTION, answer: { text: 'Skolens leder', by: REQUESTER, at: NOW.toISOString() } },
      ],
    });
  });

  it('refuses an answer to an older question as alreadyAnswered', () => {
    const command = { ...commands.answer, questionAt: '2026-03-01T09:00:00.000Z' };
    const result = transition(inState.info_requested(), command, NOW, rules);
    expect(refusal(result)).toBe('alreadyAnswered');
  });

  it('refuses an answer on a filed case as alreadyAnswered: its question was answered', () => {
    const answered = { ...QUESTION, answer: { text: 'Ja', by: REQUESTER, at: DECISION.at } };
    const current = aCase({ questions: [answered] });
    expect(refusal(transition(current, commands.answer, NOW, rules))).toBe('alreadyAnswered');
  });

  it('refuses an answer to a last question that holds an answer, whatever the state says', () => {
    const answered = { ...QUESTION, answer: { text: 'Ja', by: REQUESTER, at: DECISION.at } };
    const current = aCaseIn('info_requested', { questions: [answered] });
    expect(refusal(transition(current, commands.answer, NOW, rules))).toBe('alreadyAnswered');
  });

  it.each(['', '   ', '\n\t \r\n', '\u001b \u007f\u0085'])(
    'refuses the answer %j as missing',
    (text) => {
      const command = { ...commands.answer, text };
      expect(refusal(transition(inState.info_requested(), command, NOW, rules))).toBe(
        'answerMissing',
      );
    },
  );

  it(`refuses an answer longer than ${MAX_ANSWER_LENGTH} characters instead of cutting it`, () => {
    const long = { ...commands.answer, text: 'x'.repeat(MAX_ANSWER_LENGTH + 1) };
    expect(refusal(transition(inState.info_requested(), long, NOW, rules))).toBe('answerTooLong');
    const longest = { ...commands.answer, text: 'x'.repeat(MAX_ANSWER_LENGTH) };
    expect(isRefused(transition(inState.info_requested(), longest, NOW, rules))).toBe(false);
  });

  it.each(['CPR 010190-1234', 'se 0101901234'])('refuses the answer %j: it holds a CPR', (text) => {
    const result = transition(inState.info_requested(), { ...commands.answer, text }, NOW, rules);
    expect(refusal(result)).toBe('answerHasCpr');
    expect(JSON.stringify(result)).not.toContain('1234');
  });

  it('keeps the answer cleaned and never audits its text', () => {
    const command = { ...commands.answer, text: ' Skolens\u0000leder \n\n ' };
    const result = applied(transition(inState.info_requested(), command, NOW, rules));
    expect(result.next.questions?.at(-1)?.answer?.text).toBe('Skolens leder');
    expect(result.audit?.detail).toBeUndefined();
    expect(JSON.stringify(result.audit)).not.toContain('leder');
  });

  it('keeps the questions when a waiting case is approved or denied', () => {
    for (const command of [commands.approve, commands.deny]) {
      const result = applied(transition(inState.info_requested(), command, NOW, rules));
      expect(result.next.questions).toEqual([QUESTION]);
      expect(caseSchema.safeParse(result.next).success).toBe(true);
    }
  });
});

describe('approve', () => {
  it('refuses to approve when the institution is not in the directory', () => {
    const current = inState.filed();
    const command = { ...commands.approve, institutionListed: false };
    expect(refusal(transition(current, command, NOW, rules))).toBe('institutionUnknown');
  });

  it('records who approved and when', () => {
    const result = applied(transition(inState.filed(), commands.approve, NOW, rules));
    expect(result.next).toMatchObject({ decision: { by: APPROVER, at: NOW.toISOString() } });
  });
});

describe('deny', () => {
  it.each(['', '   ', '\n\t \r\n', '\u0000\u0007', '\u001b \u007f\u0085'])(
    'refuses the reason %j as missing',
    (reason) => {
      const command = { ...commands.deny, reason };
      expect(refusal(transition(inState.filed(), command, NOW, rules))).toBe('reasonMissing');
    },
  );

  it.each(['CPR 010190-1234', 'se 0101901234', 'nr. 010190 - 1234 passer ikke'])(
    'refuses the reason %j: it holds a CPR, which would be stored, audited and sent',
    (reason) => {
      const command = { ...commands.deny, reason };
      const result = transition(inState.filed(), command, NOW, rules);
      expect(refusal(result)).toBe('reasonHasCpr');
      expect(JSON.stringify(result)).not.toContain('1234');
    },
  );

  it('keeps the reason without control characters, with spaces folded and trimmed', () => {
    const command = { ...commands.deny, reason: '  Forkert\u0000CVR \n\n\t nummer\u0007 ' };
    const result = applied(transition(inState.filed(), command, NOW, rules));
    expect(result.next).toMatchObject({
      state: 'denied',
      decision: { by: APPROVER, at: NOW.toISOString(), reason: 'Forkert CVR nummer' },
    });
    // The reason is free text about a person: never in the append-only audit log.
    expect(result.audit?.detail).toBeUndefined();
  });

  it(`keeps at most ${MAX_REASON_LENGTH} characters of a reason`, () => {
    const command = { ...commands.deny, reason: 'x'.repeat(MAX_REASON_LENGTH + 100) };
    const result = applied(transition(inState.filed(), command, NOW, rules));
    expect(result.next.state === 'denied' && result.next.decision.reason).toBe(
      'x'.repeat(MAX_REASON_LENGTH),
    );
    expect(caseSchema.safeParse(result.next).success).toBe(true);
  });
});

describe('sending the mail', () => {
  it('starts the first attempt of an approved case as in flight', () => {
    const result = applied(transition(inState.approved(), commands.startSending, NOW, rules));
    expect(result.next).toMatchObject({
      state: 'sending',
      attempt: 1,
      inFlight: true,
      decision: DECISION,
    });
  });

  it('counts every further attempt and sets it in flight again', () => {
    const failed = aCaseIn('sending', {
      decision: DECISION,
      attempt: 2,
      inFlight: false,
      lastError: 'timeout',
    });
    const result = applied(transition(failed, commands.startSending, NOW, rules));
    expect(result.next).toMatchObject({ state: 'sending', attempt: 3, inFlight: true });
  });

  it('marks a failure as not in flight, keeps the error, and updates the card', () => {
    const error = `SMTP says no ${'!'.repeat(400)}`;
    const current = inState.sending();
    const result = applied(transition(current, { kind: 'mailFailed', error }, NOW, rules));
    expect(result.next).toMatchObject({
      state: 'sending',
      attempt: 1,
      inFlight: false,
      lastError: error.slice(0, 300),
    });
    expect(result.effects).toEqual([{ kind: 'updateCard' }]);
    expect(caseSchema.safeParse(result.next).success).toBe(true);
  });

  it('adds no card update for a failure after the first', () => {
    const first = applied(transition(inState.sending(), commands.mailFailed, NOW, rules));
    const again = applied(transition(first.next, commands.startSending, NOW, rules));
    const second = applied(transition(again.next, commands.mailFailed, NOW, rules));
    expect(second.effects).toEqual([]);
    expect(second.audit?.action).toBe('mail.failed');
  });

  it('counts a failure without a message as the first: a later failure adds no card update', () => {
    const silent = { kind: 'mailFailed', error: '' } as const;
    const first = applied(transition(inState.sending(), silent, NOW, rules));
    expect(first.effects).toEqual([{ kind: 'updateCard' }]);
    const again = applied(transition(first.next, commands.startSending, NOW, rules));
    const second = applied(transition(again.next, commands.mailFailed, NOW, rules));
    expect(second.effects).toEqual([]);
  });

  it('drops the attempt bookkeeping once sent and keeps when, the message id and the username', () => {
    const current = aCaseIn('sending', {
      decision: DECISION,
      attempt: 3,
      inFlight: true,
      lastError: 'timeout',
    });
    const result = applied(transition(current, commands.mailSent, NOW, rules));
    expect(result.next).toEqual({
      ...splitCase(current).facts,
      state: 'mail_sent',
      decision: DECISION,
      mail: { sentAt: NOW.toISOString(), messageId: '<m1@x>', username: 'abcd1234' },
    });
  });

  it('keeps only the time when the mail had no message id and no username', () => {
    const command = { kind: 'mailSent', replacedEarlier: false } as const;
    const result = applied(transition(inState.sending(), command, NOW, rules));
    expect(result.next).toMatchObject({ mail: { sentAt: NOW.toISOString() } });
    expect(result.next.state === 'mail_sent' && Object.keys(result.next.mail)).toEqual(['sentAt']);
  });

  it('audits a mail that replaces one that may have arrived before', () => {
    const command = { ...commands.mailSent, replacedEarlier: true };
    const result = applied(transition(inState.sending(), command, NOW, rules));
    expect(result.audit).toMatchObject({
      action: 'case.mail_sent',
      detail: 'replaces a mail that may have been sent before',
    });
    const plain = applied(transition(inState.sending(), commands.mailSent, NOW, rules));
    expect(plain.audit?.detail).toBeUndefined();
  });
});
