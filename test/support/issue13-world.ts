import type { CaseNumber } from '../../cases/case-number';
import { personalMessage, post } from './activities';
import type { ApprovalWorld } from './approval-world';
import type { ConnectorCall, ConnectorStandIn } from './connector-stand-in';

export const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

/** A clock the test moves by hand; the bot reads the time from `now`. */
export class TestClock {
  private at: Date;
  constructor(start: Date | string) {
    this.at = new Date(start);
  }
  readonly now = (): Date => new Date(this.at.getTime());
  set(iso: string): void {
    this.at = new Date(iso);
  }
  advance(ms: number): void {
    this.at = new Date(this.at.getTime() + ms);
  }
}

/** A card as the connector got it: its JSON, to read and to search. */
export interface SentCard {
  card: { body?: unknown[]; actions?: unknown[] } & Record<string, unknown>;
  json: string;
}

const cardOf = (body: ConnectorCall['body']): SentCard | undefined => {
  const content = body.attachments?.[0]?.content as SentCard['card'] | undefined;
  return content ? { card: content, json: JSON.stringify(content) } : undefined;
};

/** Cards posted as new threads in the support channel, oldest first, with where each went. */
export function postedThreads(
  connector: ConnectorStandIn,
): (SentCard & { channelId?: string; threadId: string; activityId: string })[] {
  return connector.calls
    .filter((c) => c.method === 'POST' && c.path === '/v3/conversations')
    .map((c) => ({
      ...cardOf(c.body.activity as ConnectorCall['body'])!,
      channelId: (c.body.channelData as { channel?: { id?: string } } | undefined)?.channel?.id,
      threadId: c.answer!.id,
      activityId: c.answer!.activityId!,
    }));
}

/** Cards put over posted ones, oldest first, with the posted card each replaced. */
export function cardUpdates(connector: ConnectorStandIn): (SentCard & { activityId: string })[] {
  return connector.calls
    .filter((c) => c.method === 'PUT')
    .map((c) => ({ ...cardOf(c.body)!, activityId: decodeURIComponent(c.path.split('/').at(-1)!) }))
    .filter((update) => update.card !== undefined);
}

/** Cards sent as messages to a conversation (a personal chat), oldest first. */
export function cardsTo(connector: ConnectorStandIn, conversation: string): SentCard[] {
  return connector
    .messagesTo(conversation)
    .map(cardOf)
    .filter((card): card is SentCard => card !== undefined);
}

/** The data of a card's first Action.Submit button that `matches`. */
export function submitData(
  card: SentCard,
  matches: (data: Record<string, unknown>) => boolean = () => true,
): Record<string, unknown> | undefined {
  const submits = (card.card.actions ?? []) as { type: string; data?: Record<string, unknown> }[];
  return submits.find((action) => action.type === 'Action.Submit' && matches(action.data ?? {}))
    ?.data;
}

/** The verbs of the Action.Execute buttons on a card (the ones inside a ShowCard too). */
export function verbsOn(card: { actions?: unknown[] }): string[] {
  const verbs: string[] = [];
  for (const action of (card.actions ?? []) as {
    verb?: string;
    card?: { actions?: unknown[] };
  }[]) {
    if (action.verb) verbs.push(action.verb);
    if (action.card) verbs.push(...verbsOn(action.card));
  }
  return verbs;
}

/** Presses a card's Action.Submit in a personal chat, with what was typed into its inputs. */
export async function pressSubmit(
  world: ApprovalWorld,
  conversation: string,
  data: Record<string, unknown>,
  userId: string,
  inputs: Record<string, string> = {},
): Promise<void> {
  const activity = personalMessage(
    world.serviceUrl,
    conversation,
    { value: { ...data, ...inputs } },
    { userId },
  );
  const status = await post(world.app.port, activity);
  if (status !== 200) throw new Error(`card submit answered ${status}`);
}

/** The stored thread of a case's approval card, once it was posted. */
export async function threadOf(
  world: ApprovalWorld,
  caseNumber: CaseNumber,
): Promise<{ threadId: string; activityId: string }> {
  const value = await world.app.stores.cases.get(caseNumber);
  if (!value?.thread) throw new Error(`the card of ${caseNumber} was not posted`);
  return value.thread;
}
