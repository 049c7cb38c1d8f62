import type { Requester } from '../cases/case';
import type { CardAction } from '../cards/card-actions';
import type { AdaptiveCard } from '../cards/adaptive-card';
import { text, type Language, type TextKey } from '../texts';

/** One message of a personal chat, as the conversation reads it. */
export interface ChatTurn {
  /** What was typed, without an @mention of the bot, trimmed (case kept: names are answers). */
  text: string;
  /** A card button's payload, when the message came from one of our cards. */
  action?: CardAction;
  /** The message the button sat on (Teams sends it with a card submit). */
  replyToId?: string;
  language: Language;
  requester: Requester;
}

/** What the bot says back: a text (with optional answer buttons), a card, or a card replaced. */
export type Reply =
  | { kind: 'text'; text: string; choices?: string[] }
  /** `tag` asks the bot to hand back the id the card was sent under (see `noteSent`). */
  | { kind: 'card'; card: AdaptiveCard; tag?: 'summary' }
  | { kind: 'replaceCard'; activityId: string; card: AdaptiveCard };

/** A text reply from the catalogue, in the turn's language. */
export function textReply(
  turn: Pick<ChatTurn, 'language'>,
  key: TextKey,
  values?: Record<string, string | number>,
): Reply {
  return { kind: 'text', text: text(turn.language, key, values) };
}

/** A card reply. */
export const cardReply = (card: AdaptiveCard): Reply => ({ kind: 'card', card });
