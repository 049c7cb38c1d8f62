import type { CloudAdapter, ConversationReference, TurnContext } from 'botbuilder';

/** A send to Teams that cannot succeed by trying again: the conversation or the bot is gone. */
export function isPermanentSendFailure(error: unknown): boolean {
  const status = (error as { statusCode?: unknown } | undefined)?.statusCode;
  return status === 403 || status === 404;
}

/** The HTTP status a failed send carried, for the log and the job record. */
export function sendFailureReason(error: unknown): string {
  const status = (error as { statusCode?: unknown } | undefined)?.statusCode;
  const message = error instanceof Error ? error.message : String(error);
  return (typeof status === 'number' ? `connector answered ${status}: ${message}` : message).slice(
    0,
    300,
  );
}

/**
 * Runs `logic` in a proactive turn of a stored conversation and returns what it returns.
 * CloudAdapter hands an error inside the turn to onTurnError and then reports success; here
 * the error is caught inside and thrown again to the caller, so that a failed send is seen by
 * the job that made it and retried.
 */
export async function inConversation<T>(
  adapter: CloudAdapter,
  appId: string,
  /** A stored conversation reference (checked when it was stored). */
  reference: object,
  logic: (context: TurnContext) => Promise<T>,
): Promise<T> {
  let outcome: { ok: true; value: T } | { ok: false; error: unknown } | undefined;
  await adapter.continueConversationAsync(
    appId,
    reference as Partial<ConversationReference>,
    async (context) => {
      try {
        outcome = { ok: true, value: await logic(context) };
      } catch (error) {
        outcome = { ok: false, error };
      }
    },
  );
  if (!outcome) throw new Error('the proactive turn did not run');
  if (!outcome.ok) throw outcome.error;
  return outcome.value;
}
