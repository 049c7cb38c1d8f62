import type { ConversationState, TurnContext } from 'botbuilder';
import type { DialogSet, DialogStateManagerConfiguration } from 'botbuilder-dialogs';
import { runPersonalChat } from '../dialogs/personal-chat';

/**
 * Where botbuilder-dialogs looks for the memory-scope configuration of a turn before building
 * it anew (the SDK's DialogManager shares one across turns the same way). Building it every
 * turn was 3% of a filing's CPU in the profile. Should the SDK rename the key, it builds it per
 * turn again.
 */
const STATE_CONFIGURATION = 'DialogStateManagerConfiguration';

/**
 * One turn of a personal chat: what the SDK's runDialog does for a bot that is not a skill,
 * without its per-turn extras (a memory snapshot sent as a trace Teams drops, and a second
 * state load and save), then the conversation state saved.
 */
export function personalChatTurn(conversationState: ConversationState, dialogs: DialogSet) {
  let configuration: DialogStateManagerConfiguration | undefined;
  return async (context: TurnContext): Promise<void> => {
    if (configuration) context.turnState.set(STATE_CONFIGURATION, configuration);
    const dc = await dialogs.createContext(context);
    configuration ??= dc.state.configuration;
    await runPersonalChat(dc);
    await conversationState.saveChanges(context, false);
  };
}
