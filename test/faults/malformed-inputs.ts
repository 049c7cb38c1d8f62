import { activityInputs } from './activity-inputs';
import { channelInputs } from './channel-inputs';
import { chatInputs } from './chat-inputs';
import { httpInputs } from './http-inputs';
import { inputBuilder, type FuzzContext, type MalformedInput } from './input-builder';
import { invokeInputs } from './invoke-inputs';

export {
  FORBIDDEN_WORDS,
  badCaseNumberAnswers,
  badCprAnswers,
  badCvrAnswers,
  badRecipientAnswers,
} from './bad-answers';
export {
  CHANNEL_CONVERSATION,
  describeText,
  inputClasses,
  type Expectation,
  type FuzzContext,
  type InputClass,
  type MalformedInput,
} from './input-builder';

/**
 * Builds every malformed input, in the order they are sent. Each class of input has its
 * generator: HTTP and JSON (http-inputs), activities (activity-inputs), approval-card
 * invokes (invoke-inputs), the personal chat (chat-inputs), channels, group chats and
 * prototype keys (channel-inputs).
 */
export function malformedInputs(ctx: FuzzContext): MalformedInput[] {
  const builder = inputBuilder(ctx);
  httpInputs(builder);
  activityInputs(builder);
  invokeInputs(builder);
  chatInputs(builder);
  channelInputs(builder);
  return builder.inputs;
}
