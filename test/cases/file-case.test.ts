import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import type { Case } from '../../cases/case';
import { caseForRequester, casesOfRequester, MY_CASES_LIMIT } from '../../cases/case-queries';
import type { Cpr } from '../../cases/cpr';
import { cprProtection } from '../../cases/cpr-protection';
import type { Cvr } from '../../cases/cvr';
import {
  earlierCaseMatches,
  fileCase,
  protectCpr,
  type CaseRequest,
  type Requester,
} from '../../cases/file-case';
import type { WorkflowDeps } from '../../cases/workflow-deps';
import { openStores, type Stores } from '../../storage';

const CPR = '0101901234' as Cpr;
const OTHER_CPR = '0202851234' as Cpr;
const CVR = '13748136' as Cvr;
const STAFF: Requester = { aadObjectId: 'staff-1', name: 'Staff One', tenantId: 'tenant-1' };
const OTHER_STAFF: Requester = { aadObjectId: 'staff-2', name: 'Staff Two' };
const FILED_AT = new Date('2026-11-28T10:00:00.000Z');

let dataDir: string;
let stores: Stores;
let deps: WorkflowDeps;
let clock: Date;

beforeEach(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'unilogin-cases-'));
  stores = await openStores({ dataDir });
  clock = FILED_AT;
  deps = {
    cases: stores.cases,
    audit: stores.storage.audit,
    protection: cprProtection({
      dataEncryptionKey: randomBytes(32),
      lookupHmacKey: randomBytes(32),
    }),
    now: () => clock,
  };
});

afterEach(async () => {
  await stores.storage.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

function newCaseRequest(overrides: Partial<CaseRequest> = {}, cpr: Cpr = CPR): CaseRequest {
  return {
    kind: 'new',
    subject: protectCpr(deps.protection, cpr),
    cvr: CVR,
    recipient: 'Åse Ørum-Jæger',
    requester: STAFF,
    ...overrides,
  };
}

function forgottenRequest(earlierCaseNumber: string | undefined, cpr: Cpr = CPR): CaseRequest {
  return newCaseRequest(
    { kind: 'forgotten', requested: 'both', ...(earlierCaseNumber ? { earlierCaseNumber } : {}) },
    cpr,
  );
}

async function fileNew(request: CaseRequest = newCaseRequest()): Promise<string> {
  const outcome = await fileCase(deps, request);
  if (outcome.outcome !== 'filed')
    throw new Error(`expected the case to be filed: ${outcome.outcome}`);
  return outcome.caseNumber;
}

async function stored(caseNumber: string): Promise<Case> {
  const found = await stores.cases.get(caseNumber);
  if (!found) throw new Error(`case ${caseNumber} is not stored`);
  return found.value;
}

/** Moves a filed case on to "credentials sent", as the mail worker would. */
async function markIssued(caseNumber: string, changes: Partial<Case> = {}): Promise<void> {
  const found = await stores.cases.get(caseNumber);
  if (!found) throw new Error(`case ${caseNumber} is not stored`);
  const issued: Case = {
    ...found.value,
    state: 'mail_sent',
    username: 'abcd1234',
    mail: { sentAt: FILED_AT.toISOString() },
    ...changes,
  };
  expect(await stores.cases.replace(issued, found.version)).toEqual({
    ok: true,
    version: found.version + 1,
  });
}

/** Everything the SQLite file holds, read past the storage layer. */
function rawRows(): { documents: string[]; audit: string[] } {
  const db = new Database(path.join(dataDir, 'unilogin-bot.sqlite'), { readonly: true });
  try {
    const documents = db
      .prepare("SELECT value FROM documents WHERE collection = 'cases'")
      .all() as { value: string }[];
    const audit = db.prepare('SELECT entry FROM audit').all() as { entry: string }[];
    return { documents: documents.map((r) => r.value), audit: audit.map((r) => r.entry) };
  } finally {
    db.close();
  }
}

describe('fileCase', () => {
  it('files a new case under a UL-YYYY-NNNNN number and stores it as filed by the requester', async () => {
    const outcome = await fileCase(deps, newCaseRequest());
    expect(outcome).toEqual({
      outcome: 'filed',
      caseNumber: expect.stringMatching(/^UL-2026-\d{5}$/),
    });
    if (outcome.outcome !== 'filed') return;
    const value = await stored(outcome.caseNumber);
    expect(value).toMatchObject({
      caseNumber: outcome.caseNumber,
      kind: 'new',
      state: 'filed',
      requester: STAFF,
      institution: { cvr: CVR, recipient: 'Åse Ørum-Jæger' },
      filedAt: FILED_AT.toISOString(),
    });
    expect(value.requested).toBeUndefined();
    expect(value.earlierCaseNumber).toBeUndefined();
  });

  it('keeps the CPR encrypted, hashed and masked, and decryptable with the same keys', async () => {
    const value = await stored(await fileNew());
    expect(value.subject.cprMasked).toBe('010190-****');
    expect(value.subject.cprHash).toBe(deps.protection.hash(CPR));
    expect(deps.protection.decrypt(value.subject.cprEncrypted)).toBe(CPR);
  });

  it('numbers cases one after another within the year of filing', async () => {
    const first = await fileNew();
    const second = await fileNew();
    expect(first).toBe('UL-2026-00001');
    expect(second).toBe('UL-2026-00002');
    clock = new Date('2027-01-01T00:00:00.000Z');
    expect(await fileNew()).toBe('UL-2027-00001');
  });

  it('stores no CPR digits in clear in the raw SQLite document, only the masked form', async () => {
    await fileNew();
    const { documents, audit } = rawRows();
    expect(documents).toHaveLength(1);
    const [raw] = documents;
    expect(raw).toContain('010190-****');
    expect(raw).not.toContain('0101901234');
    expect(raw).not.toContain('010190-1234');
    expect(raw).not.toContain('901234');
    for (const entry of audit) {
      expect(entry).not.toContain('0101901234');
      expect(entry).not.toContain('010190');
    }
  });

  it('leaves the full CPR nowhere in the SQLite files on disk', async () => {
    await fileNew();
    await stores.storage.close();
    const files = fs.readdirSync(dataDir).map((f) => fs.readFileSync(path.join(dataDir, f)));
    expect(files.length).toBeGreaterThan(0);
    for (const bytes of files) {
      expect(bytes.includes('0101901234')).toBe(false);
      expect(bytes.includes('010190-1234')).toBe(false);
    }
    stores = await openStores({ dataDir });
  });

  it('writes case.filed to the audit log with the requester and the CPR hash only', async () => {
    const caseNumber = await fileNew();
    const entries = await deps.audit.forCase(caseNumber);
    expect(entries).toContainEqual({
      at: FILED_AT.toISOString(),
      actor: { aadObjectId: STAFF.aadObjectId, name: STAFF.name },
      action: 'case.filed',
      caseNumber,
      cprHash: deps.protection.hash(CPR),
    });
  });

  describe('a forgotten-login case', () => {
    it('is refused when the earlier case does not exist', async () => {
      expect(await fileCase(deps, forgottenRequest('UL-2026-09999'))).toEqual({
        outcome: 'earlierCaseMismatch',
      });
      expect(await stores.cases.get('UL-2026-00001')).toBeUndefined();
      expect(await casesOfRequester(deps, STAFF)).toEqual([]);
    });

    it('is refused when no earlier case number is given', async () => {
      expect(await fileCase(deps, forgottenRequest(undefined))).toEqual({
        outcome: 'earlierCaseMismatch',
      });
    });

    it('is refused when the earlier case is only filed, with no credentials issued', async () => {
      const earlier = await fileNew();
      expect((await stored(earlier)).state).toBe('filed');
      expect(await fileCase(deps, forgottenRequest(earlier))).toEqual({
        outcome: 'earlierCaseMismatch',
      });
      expect(await stores.cases.get('UL-2026-00002')).toBeUndefined();
    });

    it('is refused when the earlier case was mailed but has no username', async () => {
      const earlier = await fileNew();
      await markIssued(earlier, { username: undefined });
      expect(await fileCase(deps, forgottenRequest(earlier))).toEqual({
        outcome: 'earlierCaseMismatch',
      });
    });

    it('is refused when the earlier case had a username but was denied', async () => {
      const earlier = await fileNew();
      await markIssued(earlier, { state: 'denied' });
      expect(await fileCase(deps, forgottenRequest(earlier))).toEqual({
        outcome: 'earlierCaseMismatch',
      });
    });

    it('is refused when the earlier case is about another CPR number', async () => {
      const earlier = await fileNew(newCaseRequest({}, OTHER_CPR));
      await markIssued(earlier);
      expect(await fileCase(deps, forgottenRequest(earlier, CPR))).toEqual({
        outcome: 'earlierCaseMismatch',
      });
    });

    it('is filed when the earlier case sent credentials to the same CPR number', async () => {
      const earlier = await fileNew();
      await markIssued(earlier);
      const outcome = await fileCase(deps, forgottenRequest(earlier));
      expect(outcome).toEqual({ outcome: 'filed', caseNumber: 'UL-2026-00002' });
      expect(await stored('UL-2026-00002')).toMatchObject({
        kind: 'forgotten',
        requested: 'both',
        earlierCaseNumber: earlier,
        state: 'filed',
        requester: STAFF,
      });
    });

    it('is filed when the earlier case was directly stored as mailed with a username', async () => {
      const template = await stored(await fileNew());
      const earlier: Case = {
        ...template,
        caseNumber: 'UL-2025-00042',
        filedAt: '2025-03-01T09:00:00.000Z',
        state: 'mail_sent',
        username: 'hans1234',
        mail: { sentAt: '2025-03-02T09:00:00.000Z' },
      };
      expect(await stores.cases.create(earlier)).toEqual({ ok: true, version: 1 });
      expect(await fileCase(deps, forgottenRequest('UL-2025-00042'))).toMatchObject({
        outcome: 'filed',
      });
    });

    it('audits the look-up of the earlier case, whatever the answer', async () => {
      const earlier = await fileNew();
      await fileCase(deps, forgottenRequest(earlier));
      await fileCase(deps, forgottenRequest('UL-2026-09999'));
      for (const caseNumber of [earlier, 'UL-2026-09999']) {
        expect(await deps.audit.forCase(caseNumber)).toContainEqual(
          expect.objectContaining({
            action: 'case.read',
            actor: { aadObjectId: STAFF.aadObjectId, name: STAFF.name },
            cprHash: deps.protection.hash(CPR),
          }),
        );
      }
    });
  });
});

describe('earlierCaseMatches', () => {
  it('answers true only for an issued case about the same CPR number', async () => {
    const earlier = await fileNew();
    const hash = deps.protection.hash(CPR);
    const otherHash = deps.protection.hash(OTHER_CPR);
    expect(await earlierCaseMatches(deps, earlier, hash, STAFF)).toBe(false);
    await markIssued(earlier);
    expect(await earlierCaseMatches(deps, earlier, hash, STAFF)).toBe(true);
    expect(await earlierCaseMatches(deps, earlier, otherHash, STAFF)).toBe(false);
    expect(await earlierCaseMatches(deps, 'UL-2026-09999', hash, STAFF)).toBe(false);
  });
});

describe('caseForRequester', () => {
  it('returns the case to the person who filed it', async () => {
    const caseNumber = await fileNew();
    expect(await caseForRequester(deps, caseNumber, STAFF)).toEqual(await stored(caseNumber));
  });

  it("answers another user's case exactly as an unknown case number", async () => {
    const caseNumber = await fileNew();
    const othersCase = await caseForRequester(deps, caseNumber, OTHER_STAFF);
    const unknown = await caseForRequester(deps, 'UL-2026-09999', OTHER_STAFF);
    expect(othersCase).toBeUndefined();
    expect(unknown).toBeUndefined();
    expect(othersCase).toStrictEqual(unknown);
  });

  it('audits every read of a case as case.read by the reader', async () => {
    const caseNumber = await fileNew();
    clock = new Date('2026-11-29T08:00:00.000Z');
    await caseForRequester(deps, caseNumber, STAFF);
    await caseForRequester(deps, caseNumber, STAFF);
    const reads = (await deps.audit.forCase(caseNumber)).filter((e) => e.action === 'case.read');
    expect(reads).toEqual([
      {
        at: '2026-11-29T08:00:00.000Z',
        actor: { aadObjectId: STAFF.aadObjectId, name: STAFF.name },
        action: 'case.read',
        caseNumber,
        cprHash: deps.protection.hash(CPR),
        detail: 'status',
      },
      expect.objectContaining({ action: 'case.read', detail: 'status' }),
    ]);
  });
});

describe('casesOfRequester', () => {
  it("lists the requester's own cases newest first and none of anyone else's", async () => {
    const mine: string[] = [];
    for (const [i, at] of ['10:00', '11:00', '12:00'].entries()) {
      clock = new Date(`2026-11-28T${at}:00.000Z`);
      mine.push(await fileNew());
      if (i === 1) await fileNew(newCaseRequest({ requester: OTHER_STAFF }));
    }
    const listed = await casesOfRequester(deps, STAFF);
    expect(listed.map((c) => c.caseNumber)).toEqual([...mine].reverse());
    expect(listed.every((c) => c.requester.aadObjectId === STAFF.aadObjectId)).toBe(true);
    const theirs = await casesOfRequester(deps, OTHER_STAFF);
    expect(theirs.map((c) => c.caseNumber)).toEqual(['UL-2026-00003']);
  });

  it('lists nothing for someone who filed nothing', async () => {
    await fileNew();
    expect(await casesOfRequester(deps, OTHER_STAFF)).toEqual([]);
  });

  it(`lists at most the ${MY_CASES_LIMIT} newest cases`, async () => {
    const filed: string[] = [];
    for (let i = 0; i < MY_CASES_LIMIT + 2; i += 1) {
      clock = new Date(FILED_AT.getTime() + i * 60_000);
      filed.push(await fileNew());
    }
    const listed = await casesOfRequester(deps, STAFF);
    expect(listed.map((c) => c.caseNumber)).toEqual(filed.slice(2).reverse());
  });

  it('audits the listing as a read of each listed case', async () => {
    const first = await fileNew();
    const second = await fileNew();
    await casesOfRequester(deps, STAFF);
    for (const caseNumber of [first, second]) {
      expect(await deps.audit.forCase(caseNumber)).toContainEqual(
        expect.objectContaining({
          action: 'case.read',
          caseNumber,
          actor: { aadObjectId: STAFF.aadObjectId, name: STAFF.name },
          detail: 'my cases',
        }),
      );
    }
  });
});
