import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CaseNumber } from '../../cases/case-number';
import { caseForRequester } from '../../cases/case-queries';
import type { Cpr } from '../../cases/cpr';
import { cprProtection } from '../../cases/cpr-protection';
import { fileCase, protectCpr, reserveCaseNumber } from '../../cases/file-case';
import { runCommand } from '../../cases/run-command';
import { openStores } from '../../storage';
import { APPROVER, CPR, CVR, OTHER_CPR, STAFF } from '../cases/filing-world';
import { testWorkflow } from '../support/test-workflow';

const root = path.resolve(__dirname, '../..');
const keys = { dataEncryptionKey: randomBytes(32), lookupHmacKey: randomBytes(32) };
const keysEnv = {
  DATA_ENCRYPTION_KEY: keys.dataEncryptionKey.toString('base64'),
  LOOKUP_HMAC_KEY: keys.lookupHmacKey.toString('base64'),
};

interface Run {
  code: number | null;
  output: string;
  stdout: string;
}

/** Runs `scripts/dsar.ts` as `npm run dsar` does, on SQLite only (MONGODB_URI removed). */
function dsar(args: string[], env: Record<string, string>): Promise<Run> {
  const { MONGODB_URI: _unused, ...inherited } = process.env;
  const child = spawn('npx', ['tsx', 'scripts/dsar.ts', ...args], {
    cwd: root,
    env: { ...inherited, ...env },
  });
  let [stdout, stderr] = ['', ''];
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) =>
    child.on('close', (code) => resolve({ code, stdout, output: stdout + stderr })),
  );
}

describe('npm run dsar', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'unilogin-dsar-'));
  const env = { ...keysEnv, DATA_DIR: dataDir, APPROVER_IDS: APPROVER.aadObjectId };
  let mine: CaseNumber;
  let theirs: CaseNumber;
  beforeAll(async () => {
    const stores = await openStores({ dataDir });
    const deps = testWorkflow(stores, {
      protection: cprProtection(keys),
      approvers: [APPROVER.aadObjectId],
    });
    const file = async (cpr: Cpr) => {
      const caseNumber = await reserveCaseNumber(deps);
      const subject = protectCpr(deps.protection, cpr);
      const request = { kind: 'new' } as const;
      await fileCase(deps, caseNumber, {
        request,
        subject,
        cvr: CVR,
        recipient: 'Åse Ørum',
        requester: STAFF,
      });
      return caseNumber;
    };
    mine = await file(CPR);
    await runCommand(deps, mine, () => ({ kind: 'deny', by: APPROVER, reason: 'Nej' }));
    await caseForRequester(deps, mine, STAFF);
    theirs = await file(OTHER_CPR);
    await caseForRequester(deps, theirs, STAFF);
    await stores.storage.close();
  });
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('writes the export of one CPR to a file only its owner can read', async () => {
    const run = await dsar(['010190-1234'], { ...env, DSAR_BY: APPROVER.aadObjectId });
    expect(run.code).toBe(0);
    const file = /Written to (\S+\.json)/.exec(run.stdout)?.[1];
    expect(file).toBeDefined();
    expect(fs.statSync(file!).mode & 0o777).toBe(0o600);
    const text = fs.readFileSync(file!, 'utf8');
    const found = JSON.parse(text) as { cases: { caseNumber: string }[]; audit: unknown[] };
    expect(found.cases.map((c) => c.caseNumber)).toEqual([mine]);
    expect(found.audit).toEqual([
      expect.objectContaining({ action: 'case.read', caseNumber: mine }),
    ]);
    expect(text).not.toContain(theirs);
    expect(text).not.toContain(CPR);
    expect(run.output).toContain(mine);
    for (const shown of [CPR, '010190-1234', '010190']) expect(run.output).not.toContain(shown);
  }, 60_000);

  it('reads the keys from local-secrets.json in local mode', async () => {
    const secrets = path.join(dataDir, 'local-secrets.json');
    fs.writeFileSync(secrets, JSON.stringify(keysEnv), { mode: 0o600 });
    const run = await dsar(['0101901234'], {
      DATA_DIR: dataDir,
      BOT_LOCAL_MODE: 'true',
      APPROVER_IDS: APPROVER.aadObjectId,
      DSAR_BY: APPROVER.aadObjectId,
    });
    fs.rmSync(secrets);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`1 case(s): ${mine} (denied)`);
  }, 60_000);

  it('refuses an operator who is not an approver', async () => {
    const run = await dsar(['010190-1234'], { ...env, DSAR_BY: 'staff-1' });
    expect(run.code).toBe(3);
    expect(run.output).toContain('not one of APPROVER_IDS');
    expect(run.output).not.toContain('010190');
  }, 60_000);

  it('stops with exit code 2 and a clear message on a CPR with a typo', async () => {
    const run = await dsar(['310290-1234'], { ...env, DSAR_BY: APPROVER.aadObjectId });
    expect(run.code).toBe(2);
    expect(run.output).toContain('Not a CPR number: the first 6 digits are not a real date.');
    const short = await dsar(['010190-123'], { ...env, DSAR_BY: APPROVER.aadObjectId });
    expect(short.code).toBe(2);
    expect(short.output).toContain('10 digits');
  }, 60_000);
});
