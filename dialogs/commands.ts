import type { Language } from '../texts';
import type { ChatTurn } from './chat-turn';

/** What a message asks the bot to do, whatever else is going on. */
export type Command =
  | { kind: 'new' | 'forgotten' | 'myCases' | 'help' | 'cancel' }
  /** `caseNumber` is what was typed after "status", possibly nothing. */
  | { kind: 'status'; caseNumber: string }
  /** A summary-card button whose intake is over (filed already, or cancelled). */
  | { kind: 'closedSummary'; caseNumber?: string }
  /** `sprog` / `language`, with the language named after it, if one was. */
  | { kind: 'language'; choice?: Language }
  | { kind: 'unknown' };

const words: Record<string, 'new' | 'forgotten' | 'myCases' | 'help' | 'cancel'> = {
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

const languageWords: Record<string, Language> = {
  dansk: 'da',
  danish: 'da',
  da: 'da',
  engelsk: 'en',
  english: 'en',
  en: 'en',
};

/** Text as commands compare it: single spaces, lower case. */
export function normalized(typed: string): string {
  return typed.replace(/\s+/g, ' ').trim().toLowerCase();
}

/** Reads a command from typed text or from one of our cards' buttons. */
export function parseCommand(turn: Pick<ChatTurn, 'text' | 'action'>): Command {
  const action = turn.action;
  if (action) {
    switch (action.action) {
      case 'menu.status':
        return { kind: 'status', caseNumber: action.caseNumber ?? '' };
      case 'menu.new':
        return { kind: 'new' };
      case 'menu.forgotten':
        return { kind: 'forgotten' };
      // The duplicate warning's button, once its intake is over: a forgotten login afresh.
      case 'intake.forgottenInstead':
        return { kind: 'forgotten' };
      // Answered before commands are read (`converse`); never a command.
      case 'case.answer':
        return { kind: 'unknown' };
      case 'menu.myCases':
        return { kind: 'myCases' };
      case 'menu.help':
        return { kind: 'help' };
      case 'intake.confirm':
        return {
          kind: 'closedSummary',
          ...(action.caseNumber ? { caseNumber: action.caseNumber } : {}),
        };
      case 'intake.edit':
      case 'intake.cancel':
        return {
          kind: 'closedSummary',
          ...(action.caseNumber ? { caseNumber: action.caseNumber } : {}),
        };
    }
  }
  const typed = normalized(turn.text);
  const status = /^status\b\s*(.*)$/.exec(typed);
  if (status) return { kind: 'status', caseNumber: status[1] ?? '' };
  const language = /^(?:sprog|language)\b\s*(.*)$/.exec(typed);
  if (language) {
    const choice = languageWords[language[1] ?? ''];
    return { kind: 'language', ...(choice ? { choice } : {}) };
  }
  const kind = words[typed];
  return kind ? { kind } : { kind: 'unknown' };
}
