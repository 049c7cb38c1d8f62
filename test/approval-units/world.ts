import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Case } from '../../cases/case';
import type { Job } from '../../cases/effects';
import { EffectsWorker, type JobHandlers } from '../../cases/effects-worker';
import type { Institution, InstitutionDirectory } from '../../cases/secure-mail';
import type { WorkflowDeps } from '../../cases/workflow-deps';
import { testWorkflow } from '../support/test-workflow';
import { openStores, type StorageChoice, type Stores } from '../../storage';

/** The one institution the fake directory knows. */
export const SOLSIKKEN: Institution = {
  cvr: '13748136',
  name: 'Solsikkens Skole',
  secureMailAddress: 'sikkermail@solsikken.example',
};

/** A directory that knows only SOLSIKKEN. */
export const directory: InstitutionDirectory = {
  find: async (cvr) => (cvr === SOLSIKKEN.cvr ? SOLSIKKEN : undefined),
};

/** A worker log that keeps nothing. */
export const quietLog = { debug: () => undefined, warn: () => undefined, error: () => undefined };

/** Real stores in a fresh place, workflow deps on them, and a clock the test moves. */
export interface UnitWorld {
  stores: Stores;
  deps: WorkflowDeps;
  /** Where the stores keep their data (to read it raw). */
  where: StorageChoice;
  /** Sets the time that deps.now() answers. */
  setNow(time: Date): void;
  /** Stores a case, with the jobs given, and returns it as stored. */
  file(value: Case, jobs?: Job[]): Promise<Case>;
  /**
   * Runs every due job once: audit jobs append their entry to the audit log; jobs of every
   * other kind are only returned (and removed). Resolves with the jobs that ran.
   */
  runJobs(): Promise<Job[]>;
  close(): Promise<void>;
}

export interface WorldOptions {
  /** The storage location; a fresh SQLite folder when absent (removed on close). */
  where?: StorageChoice;
  /** The approvers' AAD object ids. */
  approvers?: Iterable<string>;
}

export async function openWorld(start: Date, options: WorldOptions = {}): Promise<UnitWorld> {
  const own = options.where ? undefined : fs.mkdtempSync(path.join(os.tmpdir(), 'x-'));
  const where = options.where ?? { dataDir: own! };
  const stores = await openStores(where);
  let currentTime = start;
  const deps = testWorkflow(stores, {
    approvers: options.approvers,
    now: () => currentTime,
  });
  return {
    stores,
    deps,
    where,
    setNow(time) {
      currentTime = time;
    },
    async file(value, jobs = []) {
      const written = await stores.cases.create(value, jobs);
      if (!written.created) throw new Error(`case ${value.caseNumber} exists already`);
      return written.case;
    },
    async runJobs() {
      const ran: Job[] = [];
      const note = async (job: Job) => (ran.push(job), { outcome: 'done' as const });
      const handlers: JobHandlers = {
        postCard: note,
        updateCard: note,
        tellRequester: note,
        sendMail: note,
        alertSupport: note,
        replyInThread: note,
        async audit(job) {
          await stores.audit.append(job.entry, job.id);
          return note(job);
        },
      };
      const options = { pollMs: 60_000, leaseMs: 60_000, now: deps.now };
      await new EffectsWorker(stores.jobs, handlers, quietLog, options).runDue();
      return ran;
    },
    async close() {
      await stores.storage.close();
      if (own) fs.rmSync(own, { recursive: true, force: true });
    },
  };
}
