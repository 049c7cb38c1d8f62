import { waitingSince, type Case, type SupportThread } from './case';
import type { CaseNumber } from './case-number';
import type { CaseStore, DigestMarkers } from './ports';

/**
 * The daily digest of waiting cases in the support channel. Every worker instance looks now
 * and then; the day's digest is claimed by a conditional write on its marker, so exactly one
 * instance posts it, and a claim that dies with its instance runs out and is taken over.
 */

export const DEFAULT_REMINDER_TIME = '08:00';
export const DEFAULT_REMINDER_AFTER_HOURS = 24;
/** A question unanswered this long is in the digest. */
export const QUESTION_WAIT_HOURS = 72;
/** STIL's day: the digest time is Danish local time, summer or winter. */
export const DIGEST_TIME_ZONE = 'Europe/Copenhagen';
/** How long a claim holds while its instance posts; after that another instance may. */
export const DIGEST_LEASE_MS = 5 * 60_000;
/** How many waiting cases are read for one digest. */
const WAITING_LIMIT = 1000;
const HOUR_MS = 60 * 60 * 1000;

/** A case in the digest: how long it has waited, and where its thread is. */
export interface WaitingCase {
  caseNumber: CaseNumber;
  state: 'filed' | 'info_requested';
  waitingSince: string;
  hours: number;
  thread?: SupportThread;
}

/** The local day (YYYY-MM-DD) and time (HH:MM) of an instant in a time zone. */
export function localDayAndTime(now: Date, timeZone = DIGEST_TIME_ZONE) {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(now)
      .map((part) => [part.type, part.value]),
  );
  return {
    day: `${parts.year}-${parts.month}-${parts.day}`,
    time: `${parts.hour}:${parts.minute}`,
  };
}

/** The day whose digest is due at `now`: today, once the reminder time has passed. */
export function digestDayDue(now: Date, reminderTime: string): string | undefined {
  const { day, time } = localDayAndTime(now);
  return time >= reminderTime ? day : undefined;
}

/**
 * Cases that waited too long, oldest first: in `filed` for more than `afterHours` (since filing,
 * or since their last answer), and in `info_requested` for more than three days.
 */
export async function waitingCases(
  cases: Pick<CaseStore, 'listByState'>,
  now: Date,
  afterHours: number,
): Promise<WaitingCase[]> {
  const found = await cases.listByState(['filed', 'info_requested'], WAITING_LIMIT);
  return found
    .map((value) => waitingCaseOf(value, now))
    .filter((waiting): waiting is WaitingCase => waiting !== undefined)
    .filter((waiting) =>
      waiting.state === 'filed'
        ? waiting.hours >= afterHours
        : waiting.hours >= QUESTION_WAIT_HOURS,
    )
    .sort((a, b) => a.waitingSince.localeCompare(b.waitingSince));
}

function waitingCaseOf(value: Case, now: Date): WaitingCase | undefined {
  if (value.state !== 'filed' && value.state !== 'info_requested') return undefined;
  const since = waitingSince(value);
  return {
    caseNumber: value.caseNumber,
    state: value.state,
    waitingSince: since,
    hours: Math.floor((now.getTime() - Date.parse(since)) / HOUR_MS),
    ...(value.thread ? { thread: value.thread } : {}),
  };
}

/** What a digest run needs. */
export interface DigestDeps {
  markers: DigestMarkers;
  cases: Pick<CaseStore, 'listByState'>;
  reminderTime: string;
  afterHours: number;
  /** Posts the digest card; throws when it could not (it is tried again after the lease). */
  post(waiting: WaitingCase[], day: string): Promise<void>;
}

/** How a look at the digest ended. */
export type DigestRun =
  | { outcome: 'notYet' }
  /** Posted already today, or another instance holds the claim. */
  | { outcome: 'taken'; day: string }
  | { outcome: 'nothingWaits'; day: string }
  | { outcome: 'posted'; day: string; cases: number };

/** Looks whether today's digest is due and not yet posted; if this instance wins it, posts it. */
export async function runDailyDigest(
  deps: DigestDeps,
  now: Date,
  token: string,
): Promise<DigestRun> {
  const day = digestDayDue(now, deps.reminderTime);
  if (!day) return { outcome: 'notYet' };
  const leaseUntil = new Date(now.getTime() + DIGEST_LEASE_MS).toISOString();
  if (!(await deps.markers.claim(day, token, now.toISOString(), leaseUntil))) {
    return { outcome: 'taken', day };
  }
  const waiting = await waitingCases(deps.cases, now, deps.afterHours);
  if (waiting.length > 0) await deps.post(waiting, day);
  await deps.markers.markPosted(day, token, waiting.length, now.toISOString());
  return waiting.length > 0
    ? { outcome: 'posted', day, cases: waiting.length }
    : { outcome: 'nothingWaits', day };
}
