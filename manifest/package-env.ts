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

const guid = (what: string) =>
  z.preprocess(
    blankIsUnset,
    z.string({ error: notSet(what) }).regex(GUID, {
      message: 'must be a GUID like 00000000-0000-0000-0000-000000000000',
    }),
  );

/** The environment `npm run package` reads, after the fallbacks of `withFallbacks`. */
export const packageEnvSchema = z.object({
  TEAMS_APP_ID: guid("the Teams app's id (a GUID)"),
  BOT_ID: guid("the bot's Entra app id (a GUID), or set MicrosoftAppId"),
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

type Source = Record<string, string | undefined>;
const given = (value: string | undefined) => (value ? value : undefined);

/**
 * BOT_ID falls back to MicrosoftAppId (the bot's own variable), and TEAMS_APP_ID to BOT_ID:
 * a Teams app may use its bot's id as its own id, as `npm run package` did before the Toolkit.
 */
function withFallbacks(source: Source): Source {
  const botId = given(source.BOT_ID) ?? given(source.MicrosoftAppId);
  return {
    TEAMS_APP_ID: given(source.TEAMS_APP_ID) ?? botId,
    BOT_ID: botId,
    BOT_DOMAIN: source.BOT_DOMAIN,
  };
}

/** The variable a value came from: MicrosoftAppId when BOT_ID fell back to it. */
function nameOf(field: string, source: Source): string {
  const borrowed = field === 'BOT_ID' && !given(source.BOT_ID) && given(source.MicrosoftAppId);
  return borrowed ? 'MicrosoftAppId' : field;
}

/** The outcome of reading the environment: the values, or one line per bad variable. */
export type PackageEnvResult =
  { ok: true; values: ManifestValues } | { ok: false; problems: string[] };

/** Reads TEAMS_APP_ID, BOT_ID (or MicrosoftAppId) and BOT_DOMAIN; never throws. */
export function parsePackageEnv(source: Source): PackageEnvResult {
  const parsed = packageEnvSchema.safeParse(withFallbacks(source));
  const problems = (parsed.error?.issues ?? [])
    // A TEAMS_APP_ID borrowed from BOT_ID is BOT_ID's problem, reported once under its name.
    .filter((i) => i.path[0] !== 'TEAMS_APP_ID' || given(source.TEAMS_APP_ID) !== undefined)
    .map((i) => `${nameOf(String(i.path[0]), source)} ${i.message}`);
  const [botId, appId] = [given(source.BOT_ID), given(source.MicrosoftAppId)];
  if (botId && appId && botId !== appId) {
    problems.push(
      "BOT_ID and MicrosoftAppId differ: the manifest's botId must be the app id the bot signs in with",
    );
  }
  if (parsed.success && problems.length === 0) return { ok: true, values: parsed.data };
  return { ok: false, problems };
}
