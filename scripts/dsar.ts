import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { envSchema } from '../bot/config';
import { checkedSecrets } from '../bot/checked-secrets';
import { cprProtection } from '../cases/cpr-protection';
import { parseCpr, type CprProblem } from '../cases/cpr';
import { exportForCpr, type SubjectExport } from '../cases/data-subject-access';
import { openStores } from '../storage';

const toolSchema = z.object({
  DSAR_BY: z.string().regex(/^[\w-]{1,100}$/, { message: "must be the operator's AAD object id" }),
  DSAR_BY_NAME: z.string().max(200).optional(),
  DSAR_OUT: z.string().optional(),
  MONGODB_DATABASE: z.string().optional(),
});

const cprMessages: Record<CprProblem, string> = {
  'cpr.notDigits': 'a CPR number has only digits (DDMMYY-XXXX)',
  'cpr.length': 'a CPR number has 10 digits (DDMMYY-XXXX)',
  'cpr.date': 'the first 6 digits are not a real date',
  'cpr.future': 'the date in the CPR number is in the future',
};

/** Stops with a message and an exit code: 1 configuration or failure, 2 bad CPR, 3 refused. */
function stop(code: number, message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

/** The CPR from the argument, or from standard input (kept out of the process list) if none. */
function cprInput(): string {
  const arg = process.argv[2];
  if (arg !== undefined && arg !== '-') return arg;
  if (process.stdin.isTTY) stop(2, 'Usage: npm run dsar -- <CPR>   (or the CPR on standard input)');
  return fs.readFileSync(0, 'utf8');
}

/** Writes the export where only its owner can read it; never over an existing file. */
function writeExport(file: string, value: SubjectExport): void {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  fs.writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
  fs.chmodSync(file, 0o600);
}

/** `npm run dsar -- <CPR>`: exports everything stored about one CPR to a JSON file (approvers). */
async function main(): Promise<void> {
  const parsedCpr = parseCpr(cprInput());
  if (!parsedCpr.ok) stop(2, `Not a CPR number: ${cprMessages[parsedCpr.problem]}.`);
  const parsed = envSchema.safeParse(process.env);
  const tool = toolSchema.safeParse(process.env);
  const issues = [...(parsed.error?.issues ?? []), ...(tool.error?.issues ?? [])];
  if (!parsed.success || !tool.success) {
    const problems = issues.map((i) => `  - ${i.path.join('.')} ${i.message}`);
    stop(1, `Invalid configuration:\n${problems.join('\n')}`);
  }
  const [env, options] = [parsed.data, tool.data];
  const stores = await openStores({
    mongodbUri: env.MONGODB_URI,
    mongodbDatabase: options.MONGODB_DATABASE,
    dataDir: env.DATA_DIR,
  });
  try {
    const approvers = new Set(env.APPROVER_IDS);
    const outcome = await exportForCpr(
      {
        cases: stores.cases,
        audit: stores.audit,
        protection: cprProtection(await checkedSecrets(env, stores)),
        rules: { isApprover: (id) => approvers.has(id) },
        now: () => new Date(),
      },
      parsedCpr.value,
      { aadObjectId: options.DSAR_BY, name: options.DSAR_BY_NAME ?? options.DSAR_BY },
    );
    if (outcome.outcome === 'notAnApprover') {
      stop(3, 'Refused: DSAR_BY is not one of APPROVER_IDS (the refusal is audited).');
    }
    const value = outcome.export;
    const stamp = value.exportedAt.replace(/[:.]/g, '-');
    const file = path.resolve(
      options.DSAR_OUT ?? path.join(env.DATA_DIR, 'dsar', `dsar-${stamp}.json`),
    );
    writeExport(file, value);
    const numbers = value.cases.map((c) => `${c.caseNumber} (${c.state})`).join(', ') || 'none';
    process.stdout.write(
      `Exported ${value.cases.length} case(s): ${numbers}; ${value.audit.length} audit ` +
        `entries.\nWritten to ${file} (mode 600). The export is audited as subject.exported.\n`,
    );
  } finally {
    await stores.storage.close();
  }
}

void main().catch((error: unknown) => {
  stop(1, `The export stopped: ${error instanceof Error ? error.message : String(error)}`);
});
