import type { Activity } from 'botbuilder';
import { parseCardAction } from '../cards/card-actions';
import type { CaseNumber } from '../cases/case-number';

/** What a message asks the bot to do. */
export type Command =
  | { kind: 'new' | 'forgotten' | 'myCases' | 'help' | 'cancel' }
  | { kind: 'status'; caseNumber: string }
  /** Confirm on a summary whose intake is over (filed already, or cancelled). */
  | { kind: 'closedSummary'; caseNumber?: CaseNumber }
  | { kind: 'unknown' };

const words: Record<string, Command['kind']> = {
  'ny unilogin': 'new',
  'nyt unilogin': 'new',
  'new login': 'new',
  'new unilogin': 'new',
  'glemt login': 'forgotten',
  'forgot login': 'forgotten',
  'forgotten login': 'forgotten',
  'mine sager': 'myCases',
  'my cases': 'myCases',
  hjælp: 'help',
  help: 'help',
  annuller: 'cancel',
  cancel: 'cancel',
};

/** The message's text without an @mention of the bot, trimmed and in lower case. */
export function plainText(activity: Partial<Activity>): string {
  const typed = typeof activity.text === 'string' ? activity.text : '';
  // Teams writes an @mention as <at>Name</at>; the bot only ever hears mentions of itself.
  return typed
    .replace(/<at>[^<]*<\/at>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

/** Reads a command from typed text or from a welcome-card button. */
export function parseCommand(activity: Partial<Activity>): Command {
  const action = activity.value === undefined ? undefined : parseCardAction(activity.value);
  if (action?.action === 'menu.status')
    return { kind: 'status', caseNumber: action.caseNumber ?? '' };
  if (action?.action === 'intake.confirm') {
    return {
      kind: 'closedSummary',
      ...(action.caseNumber ? { caseNumber: action.caseNumber } : {}),
    };
  }
  if (action?.action.startsWith('menu.')) {
    const kind = action.action.slice('menu.'.length) as 'new' | 'forgotten' | 'myCases' | 'help';
    return { kind };
  }
  const typed = plainText(activity);
  const status = /^status\b\s*(.*)$/.exec(typed);
  if (status) return { kind: 'status', caseNumber: status[1] ?? '' };
  const kind = words[typed];
  return kind ? ({ kind } as Command) : { kind: 'unknown' };
}

/** True when the message is a welcome-card button, which starts over whatever is going on. */
export function isMenuAction(activity: Partial<Activity>): boolean {
  return parseCardAction(activity.value)?.action.startsWith('menu.') ?? false;
}
