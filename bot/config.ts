import { z } from 'zod';
import { DEFAULT_RETENTION_DAYS } from '../cases/retention';
import { DEFAULT_REMINDER_AFTER_HOURS, DEFAULT_REMINDER_TIME } from '../cases/daily-digest';

const blankIsUnset = (value: unknown) => (value === '' ? undefined : value);
/** A 'true'/'false' variable, read as a boolean. */
const flag = (fallback: 'true' | 'false') =>
  z.preprocess(
    blankIsUnset,
    z
      .enum(['true', 'false'], { message: "must be 'true' or 'false'" })
      .default(fallback)
      .transform((v) => v === 'true'),
  );
const optionalString = z.preprocess(blankIsUnset, z.string().optional());
const key32 = z.preprocess(
  blankIsUnset,
  z
    .string()
    .refine((v) => /^[A-Za-z0-9+/]+={0,2}$/.test(v) && Buffer.from(v, 'base64').length === 32, {
      message: 'must be 32 random bytes, base64-encoded (openssl rand -base64 32)',
    })
    .optional(),
);

/** The environment the bot reads, and what each variable must look like. */
export const envSchema = z.object({
  PORT: z.preprocess(blankIsUnset, z.coerce.number().int().min(0).max(65535).default(3978)),
  DATA_DIR: z.preprocess(blankIsUnset, z.string().default('./data')),
  HOST: optionalString,
  SERVICE_URL_HOSTS: z.preprocess(
    blankIsUnset,
    z
      .string()
      .transform((v) =>
        v
          .split(',')
          .map((host) => host.trim().toLowerCase())
          .filter(Boolean),
      )
      .pipe(
        z.array(
          z.string().regex(/^[a-z0-9.-]{1,253}$/, {
            message: 'must be host names, comma separated (smba.trafficmanager.net,…)',
          }),
        ),
      )
      .optional(),
  ),
  MONGODB_URI: z.preprocess(
    blankIsUnset,
    z
      .string()
      .regex(/^mongodb(\+srv)?:\/\/\S+$/, {
        message: 'must start with mongodb:// or mongodb+srv://',
      })
      .optional(),
  ),
  MicrosoftAppId: optionalString,
  MicrosoftAppPassword: optionalString,
  MicrosoftAppType: z.preprocess(
    blankIsUnset,
    z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).default('MultiTenant'),
  ),
  MicrosoftAppTenantId: optionalString,
  BOT_LOCAL_MODE: flag('false'),
  DATA_ENCRYPTION_KEY: key32,
  LOOKUP_HMAC_KEY: key32,
  APPROVER_IDS: z.preprocess(
    blankIsUnset,
    z
      .string()
      .default('')
      .transform((v) =>
        v
          .split(',')
          .map((id) => id.trim())
          .filter(Boolean),
      )
      .pipe(
        z.array(
          z
            .string()
            .regex(/^[\w-]{1,100}$/, { message: 'must be AAD object ids, comma separated' }),
        ),
      ),
  ),
  ALLOWED_TENANT_IDS: z.preprocess(
    blankIsUnset,
    z
      .string()
      .transform((v) =>
        v
          .split(',')
          .map((id) => id.trim())
          .filter(Boolean),
      )
      .pipe(
        z
          .array(
            z
              .string()
              .regex(/^[\w-]{1,100}$/, { message: 'must be AAD tenant ids, comma separated' }),
          )
          .min(1, { message: 'must name at least one tenant id when set' }),
      )
      .optional(),
  ),
  INSTITUTIONS_FILE: z.preprocess(blankIsUnset, z.string().default('./institutions.example.json')),
  SMTP_URL: z.preprocess(
    blankIsUnset,
    z
      .string()
      .regex(/^smtps?:\/\/\S+$/, { message: 'must start with smtp:// or smtps://' })
      .optional(),
  ),
  MAIL_FROM: z.preprocess(blankIsUnset, z.email().optional()),
  SMTP_CA_FILE: optionalString,
  JOB_WORKER: flag('true'),
  JOB_POLL_MS: z.preprocess(
    blankIsUnset,
    z.coerce.number().int().min(50).max(600000).default(1000),
  ),
  JOB_LEASE_MS: z.preprocess(
    blankIsUnset,
    z.coerce.number().int().min(1000).max(3600000).default(120000),
  ),
  /** Days after closing (mail sent, denied) before a case's personal data is erased. */
  RETENTION_DAYS: z.preprocess(
    blankIsUnset,
    z.coerce.number().int().min(1).max(3650).default(DEFAULT_RETENTION_DAYS),
  ),
  CHAT_EXPIRY_DAYS: z.preprocess(
    blankIsUnset,
    z.coerce.number().int().min(1).max(3650).default(30),
  ),
  FILINGS_PER_HOUR: z.preprocess(
    blankIsUnset,
    z.coerce.number().int().min(1).max(10000).default(20),
  ),
  /** When the daily digest of waiting cases is posted, Danish local time (HH:MM), or `off`. */
  REMINDER_TIME: z.preprocess(
    blankIsUnset,
    z
      .string()
      .regex(/^(([01]\d|2[0-3]):[0-5]\d|off)$/, {
        message: 'must be a time of day as HH:MM (e.g. 08:00), or off',
      })
      .default(DEFAULT_REMINDER_TIME),
  ),
  /** Hours a case may wait for a decision before the digest lists it (0: every waiting case). */
  REMINDER_AFTER_HOURS: z.preprocess(
    blankIsUnset,
    z.coerce
      .number()
      .int()
      .min(0)
      .max(24 * 365)
      .default(DEFAULT_REMINDER_AFTER_HOURS),
  ),
  /** How often each worker instance looks whether the day's digest is due. */
  DIGEST_CHECK_MS: z.preprocess(
    blankIsUnset,
    z.coerce.number().int().min(50).max(3600000).default(60000),
  ),
  /** A port of its own for `/metrics` (not the bot's); unset: see METRICS_TOKEN. */
  METRICS_PORT: z.preprocess(blankIsUnset, z.coerce.number().int().min(0).max(65535).optional()),
  /** The bearer token `/metrics` asks for; without METRICS_PORT it is served on the bot's port. */
  METRICS_TOKEN: z.preprocess(
    blankIsUnset,
    z
      .string()
      .regex(/^[\x21-\x7e]{24,200}$/, {
        message: 'must be 24 to 200 printable characters without spaces (openssl rand -hex 32)',
      })
      .optional(),
  ),
  LOG_LEVEL: z.preprocess(
    blankIsUnset,
    z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  ),
});

/** Rules that tie variables together, checked on the raw values so that all problems show at once. */
function crossFieldProblems(raw: Record<string, string | undefined>): string[] {
  const set = (name: string) => Boolean(raw[name]);
  const problems: string[] = [];
  if (raw.BOT_LOCAL_MODE !== 'true') {
    const required = [
      'MicrosoftAppId',
      'DATA_ENCRYPTION_KEY',
      'LOOKUP_HMAC_KEY',
      'SMTP_URL',
      'INSTITUTIONS_FILE',
    ];
    for (const name of required) {
      if (!set(name)) problems.push(`${name} is required unless BOT_LOCAL_MODE=true`);
    }
  }
  if (
    set('MicrosoftAppId') &&
    raw.MicrosoftAppType !== 'UserAssignedMSI' &&
    !set('MicrosoftAppPassword')
  ) {
    problems.push('MicrosoftAppPassword is required with MicrosoftAppId');
  }
  if (set('SMTP_URL') && !set('MAIL_FROM')) problems.push('MAIL_FROM is required with SMTP_URL');
  if (
    set('METRICS_PORT') &&
    raw.METRICS_PORT !== '0' &&
    raw.METRICS_PORT === (raw.PORT || '3978')
  ) {
    problems.push('METRICS_PORT must differ from PORT: the bot port is public');
  }
  // botbuilder needs the tenant for a single-tenant app and for a user-assigned managed identity.
  const appType = raw.MicrosoftAppType;
  if (
    (appType === 'SingleTenant' || appType === 'UserAssignedMSI') &&
    !set('MicrosoftAppTenantId')
  ) {
    problems.push(`MicrosoftAppTenantId is required when MicrosoftAppType is ${appType}`);
  }
  return problems;
}

export type Env = z.infer<typeof envSchema>;

/** The outcome of reading the environment: the settings, or one line per bad variable. */
export type EnvResult = { ok: true; env: Env } | { ok: false; problems: string[] };

/** Names the previous version read, still honoured when the new one is not set. */
const renamed = { MAIL_WORKER: 'JOB_WORKER', MAIL_POLL_MS: 'JOB_POLL_MS' } as const;

/** Parses the environment; never throws. */
export function parseEnv(raw: Record<string, string | undefined>): EnvResult {
  const source = { ...raw };
  for (const [old, current] of Object.entries(renamed)) source[current] ||= raw[old];
  const parsed = envSchema.safeParse(source);
  const problems = [
    ...(parsed.error?.issues.map((i) => `${i.path.join('.') || 'environment'} ${i.message}`) ?? []),
    ...crossFieldProblems(source),
  ];
  if (parsed.success && problems.length === 0) return { ok: true, env: parsed.data };
  return { ok: false, problems };
}

/** What a start with these settings should warn about; empty when nothing is amiss. */
export function startUpWarnings(env: Env): string[] {
  const warnings: string[] = [];
  if (env.BOT_LOCAL_MODE) {
    warnings.push(
      '!!! BOT_LOCAL_MODE=true: incoming requests are NOT authenticated. Never run this way in production. !!!',
    );
  }
  if (env.APPROVER_IDS.length === 0) {
    warnings.push(
      'APPROVER_IDS is empty: nobody can approve or deny cases, so every case waits in the support channel. Set APPROVER_IDS to the AAD object ids of the STIL approvers, comma separated (APPROVER_IDS=<id>,<id>), and restart.',
    );
  }
  if (!env.BOT_LOCAL_MODE && !env.ALLOWED_TENANT_IDS) {
    warnings.push(
      'ALLOWED_TENANT_IDS is not set: users of any Microsoft 365 tenant can talk to the bot. Set ALLOWED_TENANT_IDS to the tenant ids of STIL and the institutions, comma separated, and restart.',
    );
  }
  return warnings;
}
