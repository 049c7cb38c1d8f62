/* eslint-disable @typescript-eslint/no-require-imports */
// adaptivecards' `lib/` build does not load in Node 20; its bundled dist build does.
const AC = require('adaptivecards/dist/adaptivecards.js') as {
  AdaptiveCard: new () => { parse(json: unknown, context: unknown): void };
  SerializationContext: new () => {
    eventCount: number;
    getEventAt(i: number): { message: string };
  };
};

/** Parses a card with the Adaptive Cards library and returns every problem it reports. */
export function cardProblems(json: unknown): string[] {
  const context = new AC.SerializationContext();
  new AC.AdaptiveCard().parse(json, context);
  const problems: string[] = [];
  for (let i = 0; i < context.eventCount; i++) problems.push(context.getEventAt(i).message);
  return problems;
}
