/** An Adaptive Card as JSON; the card functions build these from typed data. */
export interface AdaptiveCard {
  type: 'AdaptiveCard';
  $schema: string;
  version: '1.5';
  body: Record<string, unknown>[];
  actions?: Record<string, unknown>[];
  refresh?: Record<string, unknown>;
}

/** A card skeleton of the version Teams renders (1.5). */
export function adaptiveCard(
  body: AdaptiveCard['body'],
  actions?: AdaptiveCard['actions'],
): AdaptiveCard {
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    body,
    ...(actions && actions.length > 0 ? { actions } : {}),
  };
}

/** A bold heading. */
export const heading = (text: string) => ({
  type: 'TextBlock',
  text,
  weight: 'Bolder',
  size: 'Medium',
  wrap: true,
});

/** A paragraph. */
export const paragraph = (text: string) => ({ type: 'TextBlock', text, wrap: true });

/** A list of label/value pairs. */
export const facts = (pairs: [string, string][]) => ({
  type: 'FactSet',
  facts: pairs.map(([title, value]) => ({ title, value })),
});

/** A button that sends `data` back to the bot as a message value. */
export const submit = (title: string, data: Record<string, unknown>, style?: string) => ({
  type: 'Action.Submit',
  title,
  data,
  ...(style ? { style } : {}),
});
