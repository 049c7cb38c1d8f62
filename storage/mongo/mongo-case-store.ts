import type { Collection, Filter } from 'mongodb';
import {
  caseSchema,
  caseStates,
  splitCase,
  type Case,
  type CaseFacts,
  type CaseState,
  type SupportThread,
} from '../../cases/case';
import { formatCaseNumber, type CaseNumber } from '../../cases/case-number';
import type { Job } from '../../cases/effects';
import { noCasesByState, type CaseStore, type TransitionWrite } from '../../cases/ports';
import { isDuplicateKey } from './duplicate-key';
import type { MongoCounter } from './mongo-counter';

/** A job as kept inside its case's document (the case number is the document's). */
export type JobDocument = Omit<Job, 'caseNumber'>;

/**
 * One case as one plain document: the facts as fields, the state at the top (indexed) with
 * its fields under `status`, and the waiting jobs inside, so that a transition and the jobs
 * it causes are one single-document write.
 */
export type CaseDocument = Omit<CaseFacts, 'caseNumber'> & {
  _id: string;
  state: CaseState;
  status: Record<string, unknown>;
  jobs: JobDocument[];
};

/** Where each closed state keeps its closing time. */
const CLOSED_AT = { mail_sent: 'status.mail.sentAt', denied: 'status.decision.at' } as const;
/** Cases whose personal data is still kept (retention has not erased them). */
const NOT_ERASED = { 'subject.cprEncrypted': { $exists: true } };

/** Never read the jobs with the case: the worker reads them on its own. */
const WITHOUT_JOBS = { projection: { jobs: 0 } } as const;

/** A stored document back into a case, checked against the case schema. */
export function fromDocument(document: Omit<CaseDocument, 'jobs'>): Case {
  const { _id, state, status, ...facts } = document;
  return caseSchema.parse({ ...facts, caseNumber: _id, state, ...status });
}

/** Splits a case into the document fields, checked first. */
function parts(value: Case) {
  const { facts, status } = splitCase(caseSchema.parse(value));
  const { caseNumber, ...fields } = facts;
  const { state, ...stateFields } = status;
  return { _id: caseNumber as string, fields, state, status: stateFields };
}

/** The jobs as kept inside a case document. */
export const jobDocuments = (jobs: Job[]): JobDocument[] =>
  jobs.map(({ caseNumber: _number, ...job }) => job);

/** A new case and its first jobs as one document. */
export function toDocument(value: Case, jobs: Job[]): CaseDocument {
  const { _id, fields, state, status } = parts(value);
  return { _id, ...fields, state, status, jobs: jobDocuments(jobs) };
}

/** Cases in MongoDB: each change of state is a single conditional `findOneAndUpdate`. */
export class MongoCaseStore implements CaseStore {
  constructor(
    private readonly cases: Collection<CaseDocument>,
    private readonly counter: MongoCounter,
  ) {}

  /** The indexes of the queries below; created at start. */
  async createIndexes(): Promise<void> {
    await this.cases.createIndex({ state: 1, filedAt: 1 });
    await this.cases.createIndex({ 'requester.aadObjectId': 1, filedAt: -1 });
    await this.cases.createIndex({ 'subject.cprHash': 1 });
    await this.cases.createIndex({ 'jobs.availableAt': 1 });
    await this.cases.createIndex({ 'failures.job': 1, filedAt: 1 });
    // Closed cases still to be erased (retention), by their closing time: only unerased ones.
    for (const closing of Object.values(CLOSED_AT)) {
      await this.cases.createIndex(
        { state: 1, [closing]: 1 },
        { partialFilterExpression: NOT_ERASED, name: `erasable_${closing}` },
      );
    }
  }

  async reserveCaseNumber(year: number): Promise<CaseNumber> {
    return formatCaseNumber(year, await this.counter.next(`case-number-${year}`));
  }

  async create(value: Case, jobs: Job[]): Promise<{ created: boolean; case: Case }> {
    try {
      await this.cases.insertOne(toDocument(value, jobs));
      return { created: true, case: value };
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      return { created: false, case: (await this.get(value.caseNumber))! };
    }
  }

  async get(caseNumber: CaseNumber): Promise<Case | undefined> {
    const found = await this.cases.findOne({ _id: caseNumber }, WITHOUT_JOBS);
    return found ? fromDocument(found) : undefined;
  }

  async transition(
    caseNumber: CaseNumber,
    from: readonly CaseState[],
    next: Case,
    jobs: Job[],
  ): Promise<TransitionWrite> {
    const { state, status } = parts(next);
    const written = await this.cases.findOneAndUpdate(
      { _id: caseNumber, state: { $in: [...from] } },
      {
        $set: { state, status },
        ...(jobs.length > 0 ? { $push: { jobs: { $each: jobDocuments(jobs) } } } : {}),
      },
      { ...WITHOUT_JOBS, returnDocument: 'after' },
    );
    if (written) return { won: true, case: fromDocument(written) };
    return { won: false, case: await this.get(caseNumber) };
  }

  async recordThread(caseNumber: CaseNumber, thread: SupportThread): Promise<void> {
    await this.cases.updateOne(
      { _id: caseNumber, thread: { $exists: false } },
      { $set: { thread } },
    );
  }

  async listErasable(closedBefore: string, limit: number): Promise<Case[]> {
    const found: Omit<CaseDocument, 'jobs'>[] = [];
    for (const [state, closing] of Object.entries(CLOSED_AT)) {
      if (found.length >= limit) break;
      const filter = { state, [closing]: { $lt: closedBefore }, ...NOT_ERASED };
      const batch = this.cases.find(filter as Filter<CaseDocument>, WITHOUT_JOBS);
      found.push(
        ...(await batch
          .sort({ [closing]: 1 })
          .limit(limit - found.length)
          .toArray()),
      );
    }
    return found.map(fromDocument);
  }

  async erase(erased: Case, jobs: Job[]): Promise<boolean> {
    const { _id, fields, state, status } = parts(erased);
    const written = await this.cases.updateOne(
      { _id, state, ...NOT_ERASED },
      {
        $set: {
          subject: fields.subject,
          institution: fields.institution,
          request: fields.request,
          status,
        },
        ...(jobs.length > 0 ? { $push: { jobs: { $each: jobDocuments(jobs) } } } : {}),
      },
    );
    return written.modifiedCount === 1;
  }

  async listByRequester(aadObjectId: string, limit: number): Promise<Case[]> {
    const found = await this.cases
      .find({ 'requester.aadObjectId': aadObjectId }, WITHOUT_JOBS)
      .sort({ filedAt: -1, _id: -1 })
      .limit(limit)
      .toArray();
    return found.map(fromDocument);
  }

  async listByState(states: readonly CaseState[], limit: number): Promise<Case[]> {
    const found = await this.cases
      .find({ state: { $in: [...states] } }, WITHOUT_JOBS)
      .sort({ filedAt: 1, _id: 1 })
      .limit(limit)
      .toArray();
    return found.map(fromDocument);
  }

  async listBySubject(cprHash: string): Promise<Case[]> {
    const found = await this.cases
      .find({ 'subject.cprHash': cprHash }, WITHOUT_JOBS)
      .sort({ filedAt: 1, _id: 1 })
      .toArray();
    return found.map(fromDocument);
  }

  async listWithFailures(limit: number): Promise<Case[]> {
    const found = await this.cases
      .find({ 'failures.job': { $exists: true } }, WITHOUT_JOBS)
      .sort({ filedAt: 1, _id: 1 })
      .limit(limit)
      .toArray();
    return found.map(fromDocument);
  }

  async countByState(): Promise<Record<CaseState, number>> {
    // One count per state, each a count scan of the index { state, filedAt }.
    const counts = noCasesByState();
    await Promise.all(
      caseStates.map(async (state) => {
        counts[state] = await this.cases.countDocuments({ state });
      }),
    );
    return counts;
  }
}
