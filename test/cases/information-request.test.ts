import { MAX_ANSWER_LENGTH, type Case } from '../../cases/case';
import type { CaseNumber } from '../../cases/case-number';
import { answerQuestion, askRequester } from '../../cases/information-request';
import { QUESTION_REMINDER_MS } from '../../cases/lifecycle';
import { describeEachBackend, openStores } from '../support/storage-backends';
import { testWorkflow } from '../support/test-workflow';
import {
  APPROVER,
  FILED_AT,
  OTHER_STAFF,
  STAFF,
  UNKNOWN,
  openFilingWorld,
  type FilingWorld,
} from './filing-world';

const QUESTION = 'Er modtageren skolens leder?';
const ANSWER = 'Ja, hun er skoleleder';
const HOUR_MS = 60 * 60 * 1000;
const ASKED_AT = new Date(FILED_AT.getTime() + HOUR_MS);
const ANSWERED_AT = new Date(FILED_AT.getTime() + 3 * HOUR_MS);
/** The requester as an answer records them: who, without the tenant. */
const STAFF_PERSON = { aadObjectId: STAFF.aadObjectId, name: STAFF.name };

describeEachBackend('asking the requester and answering', (backend) => {
  let world: FilingWorld;
  let filed: CaseNumber;
  beforeEach(async () => {
    world = await openFilingWorld(backend.fresh());
    filed = await world.fileNew();
    world.clock.now = ASKED_AT;
  });
  afterEach(() => world.close());

  async function stored(caseNumber: CaseNumber): Promise<Case> {
    const found = await world.stores.cases.get(caseNumber);
    if (!found) throw new Error(`case ${caseNumber} is not stored`);
    return found;
  }
  const jobsOf = (caseNumber: CaseNumber) => world.stores.jobs.forCase(caseNumber);
  const auditOf = async (caseNumber: CaseNumber) => {
    await world.runAuditJobs();
    return world.stores.audit.forCase(caseNumber);
  };

  /** Asks the question as the approver; fails the test unless it was asked. */
  async function ask(question = QUESTION): Promise<string> {
    const outcome = await askRequester(world.deps, filed, APPROVER, question);
    if (outcome.outcome !== 'asked') throw new Error(`not asked: ${outcome.outcome}`);
    return world.clock.now.toISOString();
  }
  const answer = (questionAt: string, text = ANSWER, by = STAFF) =>
    answerQuestion(world.deps, filed, by, { text, questionAt });

  describe('asking', () => {
    it('moves a filed case to info_requested with the question, who asked and when', async () => {
      const outcome = await askRequester(world.deps, filed, APPROVER, QUESTION);
      expect(outcome).toEqual({ outcome: 'asked', case: await stored(filed) });
      expect(await stored(filed)).toMatchObject({
        state: 'info_requested',
        questions: [{ question: QUESTION, askedBy: APPROVER, askedAt: ASKED_AT.toISOString() }],
      });
    });

    it('queues the question notice at once and its reminder two days later', async () => {
      const askedAt = await ask();
      const jobs = await jobsOf(filed);
      const told = jobs.filter((job) => job.kind === 'tellRequester');
      expect(told).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            notice: 'question',
            questionAt: askedAt,
            availableAt: askedAt,
          }),
          expect.objectContaining({
            notice: 'questionReminder',
            questionAt: askedAt,
            availableAt: new Date(ASKED_AT.getTime() + 2 * 24 * HOUR_MS).toISOString(),
          }),
        ]),
      );
      expect(told).toHaveLength(2);
      expect(QUESTION_REMINDER_MS).toBe(2 * 24 * HOUR_MS);
      expect(jobs.filter((job) => job.kind === 'updateCard')).toHaveLength(1);
      expect(
        world.queued
          .at(-1)
          ?.map((job) => job.kind)
          .sort(),
      ).toEqual(['audit', 'tellRequester', 'tellRequester', 'updateCard']);
    });

    it('refuses a question from someone who is not an approver, and audits it without the CPR hash', async () => {
      const before = await stored(filed);
      expect(await askRequester(world.deps, filed, OTHER_STAFF, QUESTION)).toEqual({
        outcome: 'notAnApprover',
      });
      expect(await stored(filed)).toEqual(before);
      const refused = (await auditOf(filed)).filter((e) => e.action === 'question.refused');
      expect(refused).toEqual([expect.objectContaining({ detail: 'not an approver' })]);
      expect(refused[0]).not.toHaveProperty('cprHash');
    });

    it('refuses a question from an approver on a case they filed themselves (four eyes)', async () => {
      const own = await world.fileForNextPerson({ requester: { ...APPROVER } });
      const before = await stored(own);
      expect(await askRequester(world.deps, own, APPROVER, QUESTION)).toEqual({
        outcome: 'ownCase',
      });
      expect(await stored(own)).toEqual(before);
    });

    it.each([
      ['an empty question', '  \n\t ', 'questionMissing'],
      ['a question holding a CPR number', 'Er 010190-1234 det rigtige nummer?', 'questionHasCpr'],
    ])('refuses %s and writes nothing to the case', async (_, question, refusal) => {
      const before = await stored(filed);
      const jobsBefore = await jobsOf(filed);
      expect(await askRequester(world.deps, filed, APPROVER, question)).toEqual({
        outcome: refusal,
      });
      expect(await stored(filed)).toEqual(before);
      expect(await jobsOf(filed)).toEqual(jobsBefore);
      expect(JSON.stringify(await auditOf(filed))).not.toContain('1234');
    });

    it('gives exactly one question when ten asks on one case race, from two instances', async () => {
      const second = await openStores(world.where);
      try {
        const deps2 = testWorkflow(second, {
          protection: world.deps.protection,
          approvers: [APPROVER.aadObjectId],
          now: () => world.clock.now,
        });
        const outcomes = await Promise.all(
          Array.from({ length: 10 }, (_, n) =>
            askRequester(n % 2 ? deps2 : world.deps, filed, APPROVER, `${QUESTION} (${n})`),
          ),
        );
        const kinds = outcomes.map((o) => o.outcome).sort();
        expect(kinds).toEqual(['alreadyAsked', ...Array<string>(8).fill('alreadyAsked'), 'asked']);
        const asked = await stored(filed);
        expect(asked.questions).toHaveLength(1);
        for (const outcome of outcomes) {
          if ('case' in outcome) expect(outcome.case.questions).toEqual(asked.questions);
        }
        const notices = (await jobsOf(filed)).filter((job) => job.kind === 'tellRequester');
        expect(notices).toHaveLength(2);
      } finally {
        await second.storage.close();
      }
    });

    it('refuses a second question while one is open, as alreadyAsked with the open one', async () => {
      await ask();
      const second = await askRequester(world.deps, filed, APPROVER, 'Og hvem er modtageren?');
      expect(second.outcome).toBe('alreadyAsked');
      expect(second.outcome === 'alreadyAsked' && second.case.questions).toEqual([
        expect.objectContaining({ question: QUESTION }),
      ]);
      expect((await stored(filed)).questions).toHaveLength(1);
    });

    it('refuses a question on a decided case as alreadyDecided', async () => {
      await world.deny(filed);
      const outcome = await askRequester(world.deps, filed, APPROVER, QUESTION);
      expect(outcome.outcome).toBe('alreadyDecided');
      expect((await stored(filed)).state).toBe('denied');
    });

    it('answers unknownCase for a case number nobody filed, and audits the attempt', async () => {
      expect(await askRequester(world.deps, UNKNOWN, APPROVER, QUESTION)).toEqual({
        outcome: 'unknownCase',
      });
      expect((await world.stores.audit.forCase(UNKNOWN)).map((e) => e.action)).toEqual([
        'question.refused',
      ]);
    });

    it('asks again after an answer, and keeps the answered question first', async () => {
      const first = await ask();
      world.clock.now = ANSWERED_AT;
      await answer(first);
      world.clock.now = new Date(ANSWERED_AT.getTime() + HOUR_MS);
      await ask('Og hvem er modtageren?');
      const questions = (await stored(filed)).questions!;
      expect(questions.map((q) => q.question)).toEqual([QUESTION, 'Og hvem er modtageren?']);
      expect(questions[0]!.answer?.text).toBe(ANSWER);
      expect(questions[1]!.answer).toBeUndefined();
    });
  });

  describe('answering', () => {
    it("returns the case to filed with the requester's answer recorded", async () => {
      const askedAt = await ask();
      world.clock.now = ANSWERED_AT;
      const outcome = await answer(askedAt);
      expect(outcome).toEqual({ outcome: 'answered', case: await stored(filed) });
      expect(await stored(filed)).toMatchObject({
        state: 'filed',
        questions: [
          {
            question: QUESTION,
            askedBy: APPROVER,
            askedAt,
            answer: { text: ANSWER, by: STAFF_PERSON, at: ANSWERED_AT.toISOString() },
          },
        ],
      });
    });

    it('queues the update of the card and a reply in the support thread', async () => {
      const askedAt = await ask();
      world.clock.now = ANSWERED_AT;
      const jobsBefore = new Set((await jobsOf(filed)).map((job) => job.id));
      await answer(askedAt);
      const added = (await jobsOf(filed)).filter((job) => !jobsBefore.has(job.id));
      expect(added.map((job) => job.kind).sort()).toEqual(['audit', 'replyInThread', 'updateCard']);
      expect(added.find((job) => job.kind === 'replyInThread')).toMatchObject({
        questionAt: askedAt,
        availableAt: ANSWERED_AT.toISOString(),
      });
    });

    it("answers someone else's answer exactly as an unknown case, and audits it without the CPR hash", async () => {
      const askedAt = await ask();
      const before = await stored(filed);
      const theirs = await answer(askedAt, ANSWER, OTHER_STAFF);
      const unknown = await answerQuestion(world.deps, UNKNOWN, OTHER_STAFF, {
        text: ANSWER,
        questionAt: askedAt,
      });
      expect(theirs).toEqual({ outcome: 'unknownCase' });
      expect(theirs).toStrictEqual(unknown);
      expect(await stored(filed)).toEqual(before);
      const refused = (await auditOf(filed)).filter((e) => e.action === 'answer.refused');
      expect(refused).toEqual([
        expect.objectContaining({
          actor: { aadObjectId: OTHER_STAFF.aadObjectId, name: OTHER_STAFF.name },
        }),
      ]);
      expect(refused[0]).not.toHaveProperty('cprHash');
    });

    it('refuses an answer to an older question as alreadyAnswered, and the open one stays open', async () => {
      const first = await ask();
      world.clock.now = ANSWERED_AT;
      await answer(first);
      world.clock.now = new Date(ANSWERED_AT.getTime() + HOUR_MS);
      await ask('Og hvem er modtageren?');
      const late = await answer(first, 'Svar fra et gammelt kort');
      expect(late.outcome).toBe('alreadyAnswered');
      const value = await stored(filed);
      expect(value.state).toBe('info_requested');
      expect(value.questions?.map((q) => q.answer?.text)).toEqual([ANSWER, undefined]);
    });

    it('refuses a second answer to the same question as alreadyAnswered and keeps the first', async () => {
      const askedAt = await ask();
      world.clock.now = ANSWERED_AT;
      await answer(askedAt);
      world.clock.now = new Date(ANSWERED_AT.getTime() + 60_000);
      const second = await answer(askedAt, 'Nej, vent');
      expect(second.outcome).toBe('alreadyAnswered');
      expect((await stored(filed)).questions?.[0]?.answer).toEqual({
        text: ANSWER,
        by: STAFF_PERSON,
        at: ANSWERED_AT.toISOString(),
      });
    });

    it('tells an answer that comes after the case was denied that it was decided', async () => {
      const askedAt = await ask();
      await world.deny(filed);
      const late = await answer(askedAt);
      expect(late.outcome).toBe('alreadyDecided');
      expect(late.outcome === 'alreadyDecided' && late.case.state).toBe('denied');
      const value = await stored(filed);
      expect(value.state).toBe('denied');
      expect(value.questions?.[0]?.answer).toBeUndefined();
    });

    it.each([
      [
        `an answer longer than ${MAX_ANSWER_LENGTH} characters`,
        'x'.repeat(MAX_ANSWER_LENGTH + 1),
        'answerTooLong',
      ],
      ['an empty answer', ' \n\t ', 'answerMissing'],
      ['an answer holding a CPR number', 'Hans CPR er 010190-1234', 'answerHasCpr'],
    ])('refuses %s, and the question stays open', async (_, text, refusal) => {
      const askedAt = await ask();
      const before = await stored(filed);
      const jobsBefore = await jobsOf(filed);
      expect(await answer(askedAt, text)).toEqual({ outcome: refusal });
      expect(await stored(filed)).toEqual(before);
      expect(await jobsOf(filed)).toEqual(jobsBefore);
    });

    it(`accepts an answer of exactly ${MAX_ANSWER_LENGTH} characters`, async () => {
      const askedAt = await ask();
      const longest = 'x'.repeat(MAX_ANSWER_LENGTH);
      expect((await answer(askedAt, longest)).outcome).toBe('answered');
      expect((await stored(filed)).questions?.[0]?.answer?.text).toBe(longest);
    });
  });

  it('audits the question and the answer as case.info_requested and case.info_answered, without their texts', async () => {
    const askedAt = await ask();
    world.clock.now = ANSWERED_AT;
    await answer(askedAt);
    const entries = await auditOf(filed);
    const cprHash = (await stored(filed)).subject.cprHash;
    expect(entries).toEqual(
      expect.arrayContaining([
        {
          at: askedAt,
          actor: APPROVER,
          action: 'case.info_requested',
          caseNumber: filed,
          cprHash,
        },
        {
          at: ANSWERED_AT.toISOString(),
          actor: STAFF_PERSON,
          action: 'case.info_answered',
          caseNumber: filed,
          cprHash,
        },
      ]),
    );
    const logged = JSON.stringify(entries);
    for (const text of [QUESTION, ANSWER, 'skoleleder', 'modtageren']) {
      expect(logged).not.toContain(text);
    }
  });
});
