import type { CaseNumber } from '../cases/case-number';
import type { WorkflowDeps } from '../cases/workflow-deps';
import type { Reply } from './chat-turn';
import type { Flow } from './conversation-state';
import type { Questions } from './questions';

/** What the conversation needs from the rest of the bot. */
export interface ConversationDeps {
  workflow: WorkflowDeps;
  questions: Questions;
  /** Whether STIL support has registered its channel; until then a filed case waits. */
  supportChannelReady(): Promise<boolean>;
  /** How many cases one staff member may file in an hour (default 20). */
  filingsPerHour?: number;
}

/** What one message did: the flow now open (none when it ended), and what to say. */
export interface Step {
  flow?: Flow;
  replies: Reply[];
  /** Set on the turn that filed a case. */
  filed?: CaseNumber;
}
