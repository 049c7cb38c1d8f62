import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Case } from '../../cases/case';
import { cprProtection } from '../../cases/cpr-protection';
import type { Institution, InstitutionDirectory } from '../../cases/secure-mail';
import type { WorkflowDeps } from '../../cases/workflow-deps';
import { openStores, type Stores } from '../../storage';

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

/** Real SQLite stores in a fresh folder, workflow deps on them, and a clock the test moves. */
export interface UnitWorld {
  stores: Stores;
  deps: WorkflowDeps;
  /** Sets the time that deps.now() answers. */
  setNow(time: Date): void;
  /** Stores a case and returns it as stored. */
  file(value: Case): Promise<Case>;
  close(): Promise<void>;
}

export async function openWorld(start: Date): Promise<UnitWorld> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'x-'));
  const stores = await openStores({ dataDir });
  let currentTime = start;
  const deps: WorkflowDeps = {
    cases: stores.cases,
    audit: stores.storage.audit,
    protection: cprProtection({
      dataEncryptionKey: randomBytes(32),
      lookupHmacKey: randomBytes(32),
    }),
    now: () => currentTime,
  };
  return {
    stores,
    deps,
    setNow(time) {
      currentTime = time;
    },
    async file(value) {
      const written = await stores.cases.create(value);
      if (!written.ok) throw new Error(`case ${value.caseNumber} exists already`);
      return value;
    },
    async close() {
      await stores.storage.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
