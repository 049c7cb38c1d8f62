import type { TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import { caseNumberSchema, type CaseNumber } from '../cases/case-number';
import type { Incoming } from './incoming';

/** One turn as its log lines name it: the route, the case once known, and when it began. */
export interface TurnTrace {
  /** The turn's logger: every line carries `route`, and `caseNumber` once it is known. */
  log: Logger;
  route: Incoming['kind'];
  caseNumber?: CaseNumber;
  startedAt: number;
  /** The logger the turn's own is a child of. */
  base: Logger;
}

const TRACE = Symbol('turnTrace');

/** The case an incoming activity names (a card's button, an approval invoke), if any. */
export function caseNumberOf(incoming: Incoming): CaseNumber | undefined {
  const action = 'action' in incoming ? (incoming.action as { caseNumber?: unknown }) : undefined;
  const parsed = caseNumberSchema.safeParse(action?.caseNumber);
  return parsed.success ? parsed.data : undefined;
}

/** Starts the trace of a turn and keeps it on the turn, for the lines logged later in it. */
export function startTrace(context: TurnContext, logger: Logger, incoming: Incoming): TurnTrace {
  const caseNumber = caseNumberOf(incoming);
  const trace: TurnTrace = {
    route: incoming.kind,
    caseNumber,
    startedAt: performance.now(),
    base: logger,
    log: logger.child({ route: incoming.kind, ...(caseNumber ? { caseNumber } : {}) }),
  };
  context.turnState.set(TRACE, trace);
  return trace;
}

/** The trace of this turn; undefined before its route is known. */
export const traceOf = (context: TurnContext): TurnTrace | undefined =>
  context.turnState.get(TRACE) as TurnTrace | undefined;

/** Names the case the turn turned out to be about (one it filed): later lines carry it. */
export function knowCase(context: TurnContext, caseNumber: CaseNumber): void {
  const trace = traceOf(context);
  if (!trace || trace.caseNumber === caseNumber) return;
  trace.caseNumber = caseNumber;
  trace.log = trace.base.child({ route: trace.route, caseNumber });
}

/** The turn's logger, or `fallback` outside a traced turn. */
export const turnLog = (context: TurnContext, fallback: Logger): Logger =>
  traceOf(context)?.log ?? fallback;

/** Milliseconds since the turn began, rounded. */
export const elapsedMs = (trace: TurnTrace): number =>
  Math.round(performance.now() - trace.startedAt);
