import type { Case, Person } from './case';
import type { CaseNumber } from './case-number';
import { jobsFor, type Effect } from './effects';
import {
  isRefused,
  statesFor,
  transition,
  type Command,
  type Refusal,
  type Refused,
} from './lifecycle';
import type { WorkflowDeps } from './workflow-deps';

/**
 * How often a command is judged again after losing a race while the stored state still allows
 * it; a loser normally finds the state moved on and is refused at once.
 */
const MAX_ATTEMPTS = 5;

/** How a command ended; the caller answers from the case in each. */
export type CommandOutcome =
  | { outcome: 'done'; case: Case }
  | { outcome: 'refused'; refusal: Refusal; case: Case }
  | { outcome: 'unknownCase' };

/** Builds the command once the case is read (an approval needs the case's institution). */
export type CommandFor = (current: Case) => Command | Promise<Command>;

/**
 * Runs a command on a case: reads it, applies the pure transition, and writes the result with
 * its jobs in one conditional write. When another writer was first, the command is judged
 * again against the case as stored, so the loser is told the truth (who decided, and when).
 * Refused decisions are audited.
 */
export async function runCommand(
  deps: WorkflowDeps,
  caseNumber: CaseNumber,
  commandFor: CommandFor,
): Promise<CommandOutcome> {
  let current = await deps.cases.get(caseNumber);
  if (!current) return { outcome: 'unknownCase' };
  const command = await commandFor(current);
  for (let attempt = 1; ; attempt++) {
    if (attempt > MAX_ATTEMPTS)
      throw new Error(`case ${caseNumber} kept changing under ${command.kind}`);
    const now = deps.now();
    const result = transition(current, command, now, deps.rules);
    if (isRefused(result)) {
      await auditRefusal(deps, current, command, result);
      return { outcome: 'refused', refusal: result.refused, case: current };
    }
    const effects: Effect[] = result.audit
      ? [...result.effects, { kind: 'audit', entry: result.audit }]
      : result.effects;
    const jobs = jobsFor(caseNumber, effects, now);
    const written = await deps.cases.transition(caseNumber, statesFor(command), result.next, jobs);
    if (written.won) {
      deps.jobsQueued?.(jobs);
      return { outcome: 'done', case: written.case };
    }
    if (!written.case) return { outcome: 'unknownCase' };
    current = written.case;
  }
}

const refusedAction = {
  approve: 'decision.refused',
  deny: 'decision.refused',
  ask: 'question.refused',
  answer: 'answer.refused',
} as const;

async function auditRefusal(
  deps: WorkflowDeps,
  current: Case,
  command: Command,
  { refused, detail }: Refused,
) {
  if (command.kind === 'startSending' || command.kind === 'mailFailed') return;
  if (command.kind === 'mailSent') return;
  const stranger = refused === 'notAnApprover' || refused === 'notRequester';
  await deps.audit.append({
    at: deps.now().toISOString(),
    actor: command.by,
    action: refusedAction[command.kind],
    caseNumber: current.caseNumber,
    // A stranger's probe leaves a trace without the case's CPR hash.
    ...(stranger ? {} : { cprHash: current.subject.cprHash }),
    detail,
  });
}

/** A command on a case number that names no case: audited without a CPR hash, as a probe. */
export async function auditUnknownCase(
  deps: Pick<WorkflowDeps, 'audit' | 'now'>,
  actor: Person,
  action: string,
  caseNumber: CaseNumber,
): Promise<void> {
  await deps.audit.append({
    at: deps.now().toISOString(),
    actor,
    action,
    caseNumber,
    detail: 'unknown case',
  });
}
