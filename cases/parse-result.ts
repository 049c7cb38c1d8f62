/** The outcome of parsing untrusted input: the value, or the name of the rule it broke. */
export type Parsed<T, Problem extends string> =
  { ok: true; value: T } | { ok: false; problem: Problem };

/** A successful parse. */
export const valid = <T>(value: T): { ok: true; value: T } => ({ ok: true, value });

/** A failed parse, naming the rule. */
export const invalid = <P extends string>(problem: P): { ok: false; problem: P } => ({
  ok: false,
  problem,
});
