import type { Case, CaseIn, Person, Question } from '../../cases/case';
import { jobsFor, type Job } from '../../cases/effects';
import { erasedCase } from '../../cases/retention';
import type { Stores } from '../../storage';
import { aCase, aCaseIn } from '../support/case-builder';
import { describeEachBackend, openStores } from '../support/storage-backends';

const NOW = new Date('2026-05-01T12:00:00.000Z');
const APPROVER: Person = { aadObjectId: 'approver-1', name: 'Anna' };
const decision = { by: APPROVER, at: NOW.toISOString() };

/** The case approved by `by`, as a transition would write it. */
const approved = (value: CaseIn<'filed'>, by: Person = APPROVER): CaseIn<'approved'> => ({
  ...value,
  state: 'approved',
  decision: { by, at: NOW.toISOString() },
});

const jobIds = (jobs: Job[]) => jobs.map((job) => job.id).sort();

const REQUESTER: Person = { aadObjectId: 'staff-1', name: 'Staff One' };
/** An approver's question, open. */
const question = (askedAt: string, text = 'Hvem er modtageren?'): Question => ({
  question: text,
  askedBy: APPROVER,
  askedAt,
});
/** The same question answered by the requester. */
const answered = (open: Question, text = 'Skolens leder'): Question => ({
  ...open,
  answer: { text, by: REQUESTER, at: NOW.toISOString() },
});
const DUPLICATE_REASON = 'Delt forældremyndighed, ny skole';

describeEachBackend('case store contract', (backend) => {
  let stores: Stores;
  beforeEach(async () => {
    stores = await openStores(backend.fresh());
  });
  afterEach(() => stores.storage.close());

  const mailJobs = (value: Case): Job[] => jobsFor(value.caseNumber, [{ kind: 'sendMail' }], NOW);

  describe('create and get', () => {
    it('creates a case with its first jobs in one write', async () => {
      const filed = aCase();
      const jobs = jobsFor(filed.caseNumber, [{ kind: 'postCard' }], NOW);
      expect(await stores.cases.create(filed, jobs)).toEqual({ created: true, case: filed });
      expect(await stores.cases.get(filed.caseNumber)).toEqual(filed);
      expect(await stores.jobs.forCase(filed.caseNumber)).toEqual(jobs);
    });

    it('answers a second create of the same number with the stored case and writes none of its jobs', async () => {
      const filed = aCase();
      const first = jobsFor(filed.caseNumber, [{ kind: 'postCard' }], NOW);
      await stores.cases.create(filed, first);
      const again = { ...filed, institution: { ...filed.institution, recipient: 'Other' } };
      const second = jobsFor(filed.caseNumber, [{ kind: 'postCard' }], NOW);
      expect(await stores.cases.create(again, second)).toEqual({ created: false, case: filed });
      expect(await stores.cases.get(filed.caseNumber)).toEqual(filed);
      expect(jobIds(await stores.jobs.forCase(filed.caseNumber))).toEqual(jobIds(first));
    });

    it('answers an unknown case number with nothing', async () => {
      expect(await stores.cases.get(aCase().caseNumber)).toBeUndefined();
    });

    it('keeps every state with exactly its fields', async () => {
      const cases: Case[] = [
        aCase({
          request: {
            kind: 'forgotten',
            earlierCaseNumber: aCase().caseNumber,
            requested: 'password',
          },
        }),
        aCaseIn('approved', { decision }),
        aCaseIn('sending', { decision, attempt: 2, inFlight: false, lastError: 'timeout' }),
        aCaseIn('mail_sent', {
          decision,
          mail: { sentAt: NOW.toISOString(), messageId: '<m@x>', username: 'abcd1234' },
        }),
        aCaseIn(
          'denied',
          { decision: { ...decision, reason: 'Forkert CVR' } },
          { thread: { threadId: 't', activityId: 'a' } },
        ),
      ];
      for (const value of cases) await stores.cases.create(value, []);
      for (const value of cases) expect(await stores.cases.get(value.caseNumber)).toEqual(value);
    });
  });

  describe('questions', () => {
    it('keeps a case waiting for an answer with its questions, and lists it by its state', async () => {
      const first = answered(question('2026-04-28T09:00:00.000Z'));
      const waiting = aCaseIn('info_requested', {
        questions: [first, question('2026-04-30T09:00:00.000Z', 'Og hvilken klasse?')],
      });
      await stores.cases.create(waiting, []);
      expect(await stores.cases.get(waiting.caseNumber)).toEqual(waiting);
      expect(await stores.cases.listByState(['info_requested'], 10)).toEqual([waiting]);
      expect(await stores.cases.listByState(['filed'], 10)).toEqual([]);
    });

    it('moves a case to info_requested and back to filed with the answer, keeping every question', async () => {
      const filed = aCase({ request: { kind: 'new', duplicateReason: DUPLICATE_REASON } });
      await stores.cases.create(filed, []);
      const open = question('2026-04-30T09:00:00.000Z');
      const asking: Case = { ...filed, state: 'info_requested', questions: [open] };
      expect(await stores.cases.transition(filed.caseNumber, ['filed'], asking, [])).toEqual({
        won: true,
        case: asking,
      });
      const back: Case = { ...filed, questions: [answered(open)] };
      const written = await stores.cases.transition(filed.caseNumber, ['info_requested'], back, []);
      expect(written).toEqual({ won: true, case: back });
      expect(await stores.cases.get(filed.caseNumber)).toEqual(back);
      const decided = approved(back as CaseIn<'filed'>);
      await stores.cases.transition(filed.caseNumber, ['filed', 'info_requested'], decided, []);
      expect(await stores.cases.get(filed.caseNumber)).toEqual(decided);
      expect(decided.questions).toEqual([answered(open)]);
    });
  });

  describe('erase', () => {
    const closedAt = '2026-01-01T12:00:00.000Z';
    const deniedWithTexts = () =>
      aCaseIn(
        'denied',
        { decision: { by: APPROVER, at: closedAt, reason: 'Forkert CVR' } },
        {
          request: { kind: 'new', duplicateReason: DUPLICATE_REASON },
          questions: [answered(question('2025-12-30T09:00:00.000Z'))],
        },
      );

    it('stores the erased case, the duplicate reason, questions and answers erased too', async () => {
      const denied = deniedWithTexts();
      const audit = jobsFor(denied.caseNumber, [{ kind: 'updateCard' }], NOW);
      await stores.cases.create(denied, []);
      const erased = erasedCase(denied, NOW, 90)!;
      expect(await stores.cases.erase(erased, audit)).toBe(true);
      const stored = await stores.cases.get(denied.caseNumber);
      expect(stored).toEqual(erased);
      expect(stored?.request).toEqual({ kind: 'new', duplicateReason: { erased: true } });
      expect(stored?.questions).toEqual([
        {
          question: { erased: true },
          askedBy: APPROVER,
          askedAt: '2025-12-30T09:00:00.000Z',
          answer: { text: { erased: true }, by: REQUESTER, at: NOW.toISOString() },
        },
      ]);
      const kept = JSON.stringify(stored);
      for (const text of [DUPLICATE_REASON, 'Hvem er modtageren?', 'Skolens leder']) {
        expect(kept).not.toContain(text);
      }
      expect(jobIds(await stores.jobs.forCase(denied.caseNumber))).toEqual(jobIds(audit));
    });

    it('erases a case once: a second erase writes nothing', async () => {
      const denied = deniedWithTexts();
      await stores.cases.create(denied, []);
      const erased = erasedCase(denied, NOW, 90)!;
      expect(await stores.cases.erase(erased, [])).toBe(true);
      const again = jobsFor(denied.caseNumber, [{ kind: 'updateCard' }], NOW);
      expect(await stores.cases.erase(erased, again)).toBe(false);
      expect(await stores.jobs.forCase(denied.caseNumber)).toEqual([]);
      expect(await stores.cases.get(denied.caseNumber)).toEqual(erased);
    });
  });

  describe('lists', () => {
    const at = (minute: number) => new Date(Date.UTC(2026, 4, 1, 9, minute)).toISOString();

    it("lists a requester's cases newest first, up to the limit", async () => {
      const [first, second, third, fourth] = [1, 3, 3, 5].map((m) => aCase({ filedAt: at(m) }));
      const theirs = aCase({ filedAt: at(4), requester: { aadObjectId: 'staff-2', name: 'Two' } });
      for (const value of [first, second, third, fourth, theirs]) {
        await stores.cases.create(value!, []);
      }
      // Of two filed at the same time, the higher number comes first.
      const newestFirst = [fourth, third, second, first];
      expect(await stores.cases.listByRequester('staff-1', 10)).toEqual(newestFirst);
      expect(await stores.cases.listByRequester('staff-1', 2)).toEqual(newestFirst.slice(0, 2));
      expect(await stores.cases.listByRequester('nobody', 10)).toEqual([]);
    });

    it('lists the cases in any of the given states oldest first, up to the limit', async () => {
      const first = aCase({ filedAt: at(1) });
      const second = aCaseIn('approved', { decision }, { filedAt: at(2) });
      const third = aCase({ filedAt: at(3) });
      const denied = aCaseIn(
        'denied',
        { decision: { ...decision, reason: 'x' } },
        { filedAt: at(0) },
      );
      for (const value of [third, denied, second, first]) await stores.cases.create(value, []);
      expect(await stores.cases.listByState(['filed', 'approved'], 10)).toEqual([
        first,
        second,
        third,
      ]);
      expect(await stores.cases.listByState(['filed'], 1)).toEqual([first]);
      expect(await stores.cases.listByState(['denied'], 10)).toEqual([denied]);
      expect(await stores.cases.listByState([], 10)).toEqual([]);
    });

    it('lists only the cases with a job that could not succeed, oldest first', async () => {
      const failure = { job: 'postCard' as const, at: NOW.toISOString(), reason: '403' };
      const later = aCase({ filedAt: at(5), failures: [failure] });
      const earlier = aCase({
        filedAt: at(1),
        failures: [failure, { ...failure, job: 'tellRequester' }],
      });
      await stores.cases.create(aCase({ filedAt: at(0) }), []);
      for (const value of [later, earlier]) await stores.cases.create(value, []);
      expect(await stores.cases.listWithFailures(10)).toEqual([earlier, later]);
      expect(await stores.cases.listWithFailures(1)).toEqual([earlier]);
    });
  });

  describe('transition', () => {
    it('moves a case only from one of the listed states, and a loser gets the stored case', async () => {
      const filed = aCase();
      await stores.cases.create(filed, []);
      const next = approved(filed);
      const refused = await stores.cases.transition(
        filed.caseNumber,
        ['approved', 'sending'],
        next,
        mailJobs(filed),
      );
      expect(refused).toEqual({ won: false, case: filed });
      expect(await stores.cases.get(filed.caseNumber)).toEqual(filed);
      const written = await stores.cases.transition(filed.caseNumber, ['filed'], next, []);
      expect(written).toEqual({ won: true, case: next });
      expect(await stores.cases.get(filed.caseNumber)).toEqual(next);
    });

    it('answers a transition of an unknown case with no case', async () => {
      const ghost = aCase();
      const written = await stores.cases.transition(
        ghost.caseNumber,
        ['filed'],
        approved(ghost),
        mailJobs(ghost),
      );
      expect(written.won).toBe(false);
      expect(written.case).toBeUndefined();
      expect(await stores.cases.get(ghost.caseNumber)).toBeUndefined();
      expect(await stores.jobs.forCase(ghost.caseNumber)).toEqual([]);
    });

    it("replaces the state's fields and nothing else", async () => {
      const sending = aCaseIn('sending', {
        decision,
        attempt: 3,
        inFlight: true,
        lastError: 'timeout',
      });
      await stores.cases.create(sending, []);
      const { attempt: _a, inFlight: _i, lastError: _e, ...rest } = sending;
      const sent: Case = { ...rest, state: 'mail_sent', mail: { sentAt: NOW.toISOString() } };
      expect(await stores.cases.transition(sending.caseNumber, ['sending'], sent, [])).toEqual({
        won: true,
        case: sent,
      });
      expect(await stores.cases.get(sending.caseNumber)).toEqual(sent);
    });

    it('keeps the facts, the thread and the failures that a stale next case lacks', async () => {
      const filed = aCase();
      const postCard = jobsFor(filed.caseNumber, [{ kind: 'postCard' }], NOW)[0]!;
      await stores.cases.create(filed, [postCard]);
      const thread = { threadId: '19:support', activityId: 'act-1' };
      await stores.cases.recordThread(filed.caseNumber, thread);
      const claimed = await stores.jobs.claim(
        { ...postCard, lease: 'l1' },
        NOW.toISOString(),
        '2026-05-01T12:01:00.000Z',
      );
      const failure = { job: 'postCard' as const, at: NOW.toISOString(), reason: 'gone' };
      await stores.jobs.fail(claimed!, failure);
      const stale = approved({
        ...filed,
        institution: { ...filed.institution, recipient: 'Changed' },
      });
      const written = await stores.cases.transition(filed.caseNumber, ['filed'], stale, []);
      const expected = { ...approved(filed), thread, failures: [failure] };
      expect(written).toEqual({ won: true, case: expected });
      expect(await stores.cases.get(filed.caseNumber)).toEqual(expected);
    });
  });

  it('records the thread of a case only once', async () => {
    const filed = aCase();
    await stores.cases.create(filed, []);
    await stores.cases.recordThread(filed.caseNumber, { threadId: 't1', activityId: 'a1' });
    await stores.cases.recordThread(filed.caseNumber, { threadId: 't2', activityId: 'a2' });
    expect((await stores.cases.get(filed.caseNumber))?.thread).toEqual({
      threadId: 't1',
      activityId: 'a1',
    });
    await stores.cases.recordThread(aCase().caseNumber, { threadId: 't3', activityId: 'a3' });
  });

  describe('case numbers', () => {
    it('never hands out a case number twice, even to 50 parallel reservations', async () => {
      const numbers = await Promise.all(
        Array.from({ length: 50 }, () => stores.cases.reserveCaseNumber(2026)),
      );
      const expected = Array.from(
        { length: 50 },
        (_, i) => `UL-2026-${String(i + 1).padStart(5, '0')}`,
      );
      expect([...numbers].sort()).toEqual(expected);
      expect(await stores.cases.reserveCaseNumber(2026)).toBe('UL-2026-00051');
      expect(await stores.cases.reserveCaseNumber(2027)).toBe('UL-2027-00001');
    });

    it('never hands out a case number twice between two instances on one store', async () => {
      const where = backend.fresh();
      const [one, two] = await Promise.all([openStores(where), openStores(where)]);
      try {
        const numbers = await Promise.all(
          Array.from({ length: 60 }, (_, i) => (i % 2 ? one : two).cases.reserveCaseNumber(2026)),
        );
        expect(new Set(numbers).size).toBe(60);
      } finally {
        await Promise.all([one.storage.close(), two.storage.close()]);
      }
    });
  });

  describe('racing transitions', () => {
    async function race(filed: CaseIn<'filed'>, writers: Stores[]) {
      const [store] = writers as [Stores];
      await store.cases.create(filed, []);
      const attempts = Array.from({ length: 50 }, (_, i) => {
        const by = { aadObjectId: `approver-${i}`, name: `Approver ${i}` };
        const jobs = mailJobs(filed);
        const written = writers[i % writers.length]!.cases.transition(
          filed.caseNumber,
          ['filed'],
          approved(filed, by),
          jobs,
        );
        return written.then((outcome) => ({ outcome, by, jobs }));
      });
      const results = await Promise.all(attempts);
      const winners = results.filter((r) => r.outcome.won);
      expect(winners).toHaveLength(1);
      const [winner] = winners as [(typeof results)[number]];
      const stored = await store.cases.get(filed.caseNumber);
      expect(stored).toEqual(approved(filed, winner.by));
      for (const loser of results.filter((r) => !r.outcome.won)) {
        expect(loser.outcome.case).toEqual(stored);
      }
      // Only the winner's jobs were written.
      expect(jobIds(await store.jobs.forCase(filed.caseNumber))).toEqual(jobIds(winner.jobs));
    }

    it('lets exactly one of 50 parallel transitions from filed win, and tells every loser the stored case', async () => {
      await race(aCase(), [stores]);
    });

    it('lets exactly one of 50 parallel transitions from two instances win', async () => {
      const where = backend.fresh();
      const [one, two] = await Promise.all([openStores(where), openStores(where)]);
      try {
        await race(aCase(), [one, two]);
      } finally {
        await Promise.all([one.storage.close(), two.storage.close()]);
      }
    });
  });
});
