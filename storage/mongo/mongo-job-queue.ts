import type { Collection } from 'mongodb';
import type { JobFailure } from '../../cases/case';
import type { CaseNumber } from '../../cases/case-number';
import { jobSchema, type Job } from '../../cases/effects';
import type { JobKind } from '../../cases/case';
import { noJobStats, type CaseJobAdder, type JobQueue, type JobStats } from '../../cases/ports';
import { jobDocuments, type CaseDocument, type JobDocument } from './mongo-case-store';

const toJob = (caseNumber: string, job: JobDocument): Job =>
  jobSchema.parse({ ...job, caseNumber });

/** Names the job a `$[job]` update changes. */
const theJob = (job: Job) => ({ arrayFilters: [{ 'job.id': job.id }] });

/**
 * The jobs inside the case documents. Each step is one single-document update whose filter
 * names the job (and, once claimed, its lease); `$[job]` with an array filter on the job's id
 * then changes that job only.
 */
export class MongoJobQueue implements JobQueue, CaseJobAdder {
  constructor(private readonly cases: Collection<CaseDocument>) {}

  async addJobs(caseNumber: CaseNumber, jobs: Job[]): Promise<boolean> {
    const added = await this.cases.updateOne(
      { _id: caseNumber },
      { $push: { jobs: { $each: jobDocuments(jobs.map((job) => jobSchema.parse(job))) } } },
    );
    return added.matchedCount === 1;
  }

  async due(now: string, limit: number): Promise<Job[]> {
    const found = await this.cases
      .find({ 'jobs.availableAt': { $lte: now } }, { projection: { jobs: 1 } })
      .sort({ 'jobs.availableAt': 1 })
      .limit(limit)
      .toArray();
    return found
      .flatMap((document) =>
        document.jobs
          .filter((job) => job.availableAt <= now)
          .map((job) => toJob(document._id, job)),
      )
      .sort((a, b) => a.availableAt.localeCompare(b.availableAt))
      .slice(0, limit);
  }

  async claim(job: Job, now: string, leaseUntil: string): Promise<Job | undefined> {
    const claimed = await this.cases.findOneAndUpdate(
      { _id: job.caseNumber, jobs: { $elemMatch: { id: job.id, availableAt: { $lte: now } } } },
      {
        $set: { 'jobs.$[job].lease': job.lease, 'jobs.$[job].availableAt': leaseUntil },
        $inc: { 'jobs.$[job].attempts': 1 },
      },
      { ...theJob(job), projection: { jobs: 1 }, returnDocument: 'after' },
    );
    if (!claimed) return undefined;
    const stored = claimed.jobs.find((candidate) => candidate.id === job.id);
    return stored && toJob(job.caseNumber, stored);
  }

  async complete(job: Job): Promise<void> {
    await this.cases.updateOne(
      { _id: job.caseNumber },
      { $pull: { jobs: { id: job.id, lease: job.lease } } },
    );
  }

  async retry(job: Job, availableAt: string, error: string): Promise<void> {
    await this.cases.updateOne(
      { _id: job.caseNumber, jobs: { $elemMatch: { id: job.id, lease: job.lease } } },
      {
        $set: { 'jobs.$[job].availableAt': availableAt, 'jobs.$[job].lastError': error },
        $unset: { 'jobs.$[job].lease': '' },
      },
      theJob(job),
    );
  }

  async fail(job: Job, failure: JobFailure): Promise<void> {
    await this.cases.updateOne(
      { _id: job.caseNumber, jobs: { $elemMatch: { id: job.id, lease: job.lease } } },
      { $pull: { jobs: { id: job.id } }, $push: { failures: failure } },
    );
  }

  async wake(kind: Job['kind'], now: string): Promise<void> {
    const waiting = { kind, lease: { $exists: false }, availableAt: { $gt: now } };
    const found = await this.cases
      .find({ jobs: { $elemMatch: waiting } }, { projection: { jobs: 1 } })
      .toArray();
    for (const document of found) {
      await this.cases.updateOne(
        { _id: document._id },
        { $set: { 'jobs.$[job].availableAt': now } },
        { arrayFilters: [{ 'job.kind': kind, 'job.lease': { $exists: false } }] },
      );
    }
  }

  async forCase(caseNumber: CaseNumber): Promise<Job[]> {
    const found = await this.cases.findOne({ _id: caseNumber }, { projection: { jobs: 1 } });
    return (found?.jobs ?? []).map((job) => toJob(caseNumber, job));
  }

  async stats(now: string): Promise<JobStats> {
    const stats = noJobStats();
    type Counted = { _id: JobKind; n: number; oldest?: string };
    const count = (rows: Counted[], state: 'due' | 'running' | 'failed') => {
      for (const row of rows) if (stats.byKind[row._id]) stats.byKind[row._id][state] = row.n;
    };
    // Each stage starts with a match on an index: { jobs.availableAt } or { failures.job }.
    const [due, running, failed] = await Promise.all([
      this.cases
        .aggregate<Counted>([
          { $match: { 'jobs.availableAt': { $lte: now } } },
          { $unwind: '$jobs' },
          { $match: { 'jobs.availableAt': { $lte: now } } },
          { $group: { _id: '$jobs.kind', n: { $sum: 1 }, oldest: { $min: '$jobs.availableAt' } } },
        ])
        .toArray(),
      this.cases
        .aggregate<Counted>([
          { $match: { 'jobs.availableAt': { $gt: now } } },
          { $unwind: '$jobs' },
          { $match: { 'jobs.availableAt': { $gt: now }, 'jobs.lease': { $exists: true } } },
          { $group: { _id: '$jobs.kind', n: { $sum: 1 } } },
        ])
        .toArray(),
      this.cases
        .aggregate<Counted>([
          { $match: { 'failures.job': { $exists: true } } },
          { $unwind: '$failures' },
          { $group: { _id: '$failures.job', n: { $sum: 1 } } },
        ])
        .toArray(),
    ]);
    count(due, 'due');
    count(running, 'running');
    count(failed, 'failed');
    const oldest = due.map((row) => row.oldest!).sort()[0];
    return oldest ? { ...stats, oldestDueAt: oldest } : stats;
  }
}
