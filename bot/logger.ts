import pino, { type Logger } from 'pino';
import { maskCprShapes } from '../cases/cpr-shape';

/** Replaces CPR-shaped digit runs in a string by their masked form. */
const maskCprLike = maskCprShapes;

function scrub(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return maskCprLike(value);
  if (isErrorLike(value)) return scrub(errorSummary(value), depth + 1);
  if (depth > 6 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => scrub(v, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrub(v, depth + 1)]));
}

/** Fields that must never reach a log, wherever they appear. */
export const redactedPaths = [
  'cpr',
  '*.cpr',
  'password',
  '*.password',
  'text',
  '*.text',
  'value',
  '*.value',
  // Free text about a person: an approver's question, its answer, a reason for a new login.
  // (A job's `reason` is the bot's own words about a failure, and stays readable.)
  'question',
  '*.question',
  'answer',
  '*.answer',
  'duplicateReason',
  '*.duplicateReason',
  'headers.authorization',
  '*.headers.authorization',
];

/**
 * The structured logger. Known secret fields are redacted by path, and as a second line of
 * defence every string is scrubbed of CPR-shaped numbers before it is written.
 */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      redact: { paths: redactedPaths, censor: '[redacted]' },
      // pino's own `err` serializer would name a summary's type "Object" (its constructor):
      // an error becomes its safe summary here, and a summary stays as it is.
      serializers: { err: (value: unknown) => (isErrorLike(value) ? errorSummary(value) : value) },
      formatters: { log: (object) => scrub(object) as Record<string, unknown> },
      hooks: {
        logMethod(args, method) {
          method.apply(
            this,
            args.map((a) => (typeof a === 'string' ? maskCprLike(a) : a)) as Parameters<
              typeof method
            >,
          );
        },
      },
    },
    destination,
  );
}

/**
 * The parts of an error that are safe to log. botbuilder's errors carry the dialog stack,
 * whose state holds the user's answers, so only name, message, code and stack are kept.
 */
export function errorSummary(error: unknown): Record<string, unknown> {
  if (!isErrorLike(error)) return { message: maskCprLike(String(error)) };
  const code = (error as { code?: unknown }).code;
  return {
    type: error.name,
    message: maskCprLike(error.message),
    ...(code !== undefined ? { code: String(code) } : {}),
    stack: error.stack && maskCprLike(error.stack),
  };
}

/** An Error, also one from another realm (a native module's, or under a test runner's VM). */
export function isErrorLike(value: unknown): value is Error {
  return (
    value instanceof Error ||
    (typeof value === 'object' &&
      value !== null &&
      typeof (value as Error).message === 'string' &&
      typeof (value as Error).name === 'string')
  );
}
