import { z } from 'zod';
import type { ManifestValues } from './fill-manifest';

const blankIsUnset = (value: unknown) => (value === '' ? undefined : value);

/** A GUID, as the manifest schema defines it (`#/definitions/guid`). */
const GUID = /^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$/;

/** A DNS host name with at least two labels: letters, digits and inner hyphens, 253 at most. */
const HOSTNAME =
  /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;

const EXAMPLE_DOMAIN = 'e.g. unilogin-bot.azurewebsites.net';

/** Why a BOT_DOMAIN value is not a bare host name, or undefined when it is one. */
function domainProblem(value: string): string | undefined {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) {
    return `must be a host name without a scheme: drop "${value.split('://')[0]}://" (${EXAMPLE_DOMAIN})`;
  }
  if (value.includes('/')) return `must be a host name without a path (${EXAMPLE_DOMAIN})`;
  if (value.includes(':')) return `must be a host name without a port (${EXAMPLE_DOMAIN})`;
  if (!HOSTNAME.test(value)) {
    return `must be a public host name: letters, digits, hyphens and at least one dot (${EXAMPLE_DOMAIN})`;
  }
  return undefined;
}

const notSet = (what: string) => (issue: { input: unknown }) =>
  issue.input === undefined ? `is not set: give ${what}` : `must be text: ${what}`;

/** The environment `npm run package` reads. */
export const packageEnvSchema = z.object({
  MicrosoftAppId: z.preprocess(
    blankIsUnset,
    z.string({ error: notSet("the bot's Entra app id (a GUID)") }).regex(GUID, {
      message: "must be the bot's Entra app id, a GUID like 00000000-0000-0000-0000-000000000000",
    }),
  ),
  BOT_DOMAIN: z.preprocess(
    blankIsUnset,
    z
      .string({ error: notSet(`the bot's public host name (${EXAMPLE_DOMAIN})`) })
      .superRefine((value, ctx) => {
        const problem = domainProblem(value);
        if (problem) ctx.addIssue({ code: 'custom', message: problem });
      })
      .transform((value) => value.toLowerCase()),
  ),
});

/** The outcome of reading the environment: the values, or one line per bad variable. */
export type PackageEnvResult =
  { ok: true; values: ManifestValues } | { ok: false; problems: string[] };

/** Reads MicrosoftAppId and BOT_DOMAIN; never throws. */
export function parsePackageEnv(source: Record<string, string | undefined>): PackageEnvResult {
  const parsed = packageEnvSchema.safeParse(source);
  if (parsed.success) return { ok: true, values: parsed.data };
  return {
    ok: false,
    problems: parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`),
  };
}
