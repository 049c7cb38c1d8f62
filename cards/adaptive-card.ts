import type { CardAction } from './card-actions';
import type { CaseVerb } from './case-verbs';

type Spacing = 'None' | 'Small' | 'Default' | 'Medium' | 'Large';
type Style = 'default' | 'positive' | 'destructive';

/** A paragraph or heading. */
export interface TextBlock {
  type: 'TextBlock';
  text: string;
  wrap?: boolean;
  weight?: 'Lighter' | 'Default' | 'Bolder';
  size?: 'Small' | 'Default' | 'Medium' | 'Large';
  color?: 'Default' | 'Good' | 'Warning' | 'Attention' | 'Accent';
  spacing?: Spacing;
}

/** A list of label/value pairs. */
export interface FactSet {
  type: 'FactSet';
  facts: { title: string; value: string }[];
}

/** A text field. */
export interface TextInput {
  type: 'Input.Text';
  id: string;
  label?: string;
  placeholder?: string;
  isMultiline?: boolean;
  maxLength?: number;
  isRequired?: boolean;
  errorMessage?: string;
}

/** Elements grouped, set apart from the ones before by a line. */
export interface Container {
  type: 'Container';
  items: CardElement[];
  separator?: boolean;
  spacing?: Spacing;
}

/** Buttons inside the body, beside the elements they belong to. */
export interface ActionSet {
  type: 'ActionSet';
  actions: CardButton[];
}

/** The elements the bot's cards are made of. */
export type CardElement = TextBlock | FactSet | TextInput | Container | ActionSet;

/** A button that sends its data back to the bot as a message (personal-chat cards). */
export interface SubmitAction {
  type: 'Action.Submit';
  title: string;
  data: CardAction;
  style?: Style;
}

/** A Universal Action: the bot answers its invoke with a new card (the approval card). */
export interface ExecuteAction {
  type: 'Action.Execute';
  title?: string;
  verb: CaseVerb;
  data: { caseNumber: string };
  style?: Style;
}

/** A button that opens a card inside the card. */
export interface ShowCardAction {
  type: 'Action.ShowCard';
  title: string;
  card: AdaptiveCard;
}

/** A button that opens a link (a deep link to a thread in Teams). */
export interface OpenUrlAction {
  type: 'Action.OpenUrl';
  title: string;
  url: string;
}

/** The buttons the bot's cards carry. */
export type CardButton = SubmitAction | ExecuteAction | ShowCardAction | OpenUrlAction;

/** An Adaptive Card of the version Teams renders (1.5), as the bot builds them. */
export interface AdaptiveCard {
  type: 'AdaptiveCard';
  $schema: string;
  version: '1.5';
  body: CardElement[];
  actions?: CardButton[];
  refresh?: { action: Omit<ExecuteAction, 'title' | 'style'>; userIds: string[] };
}

/** A card skeleton of the version Teams renders (1.5). */
export function adaptiveCard(body: CardElement[], actions?: CardButton[]): AdaptiveCard {
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    body,
    ...(actions && actions.length > 0 ? { actions } : {}),
  };
}

/** A bold heading. */
export const heading = (text: string): TextBlock => ({
  type: 'TextBlock',
  text,
  weight: 'Bolder',
  size: 'Medium',
  wrap: true,
});

/** A paragraph. */
export const paragraph = (
  text: string,
  extra: Omit<TextBlock, 'type' | 'text'> = {},
): TextBlock => ({
  type: 'TextBlock',
  text,
  wrap: true,
  ...extra,
});

/** A list of label/value pairs. */
export const facts = (pairs: [string, string][]): FactSet => ({
  type: 'FactSet',
  facts: pairs.map(([title, value]) => ({ title, value })),
});

/** A button that sends `data` back to the bot as a message value. */
export const submit = (title: string, data: CardAction, style?: Style): SubmitAction => ({
  type: 'Action.Submit',
  title,
  data,
  ...(style ? { style } : {}),
});

/** A Universal Action on a case. */
export const execute = (
  title: string,
  verb: CaseVerb,
  caseNumber: string,
  style?: Style,
): ExecuteAction => ({
  type: 'Action.Execute',
  title,
  verb,
  data: { caseNumber },
  ...(style ? { style } : {}),
});
