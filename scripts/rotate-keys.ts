import { z } from 'zod';
import { rotateDataKey } from '../storage/key-rotation';

const key32 = z
  .string()
  .refine((v) => /^[A-Za-z0-9+/]+={0,2}$/.test(v) && Buffer.from(v, 'base64').length === 32, {
    message: 'must be 32 random bytes, base64-encoded (openssl rand -base64 32)',
  });

const envSchema = z.object({
  OLD_DATA_ENCRYPTION_KEY: key32,
  NEW_DATA_ENCRYPTION_KEY: key32,
  DATA_DIR: z.string().default('./data'),
  MONGODB_URI: z.string().optional(),
  MONGODB_DATABASE: z.string().optional(),
});

/** `npm run rotate-keys`: re-encrypts every stored CPR under a new data key (bot stopped). */
async function main(): Promise<void> {
  const parsed = envSchema.safeParse(process.env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  - ${i.path.join('.')} ${i.message}`);
    process.stderr.write(`Invalid configuration:\n${problems.join('\n')}\n`);
    process.exit(1);
  }
  const env = parsed.data;
  const outcome = await rotateDataKey(
    {
      dataDir: env.DATA_DIR,
      mongodbUri: env.MONGODB_URI || undefined,
      mongodbDatabase: env.MONGODB_DATABASE,
    },
    Buffer.from(env.OLD_DATA_ENCRYPTION_KEY, 'base64'),
    Buffer.from(env.NEW_DATA_ENCRYPTION_KEY, 'base64'),
  );
  if (outcome.kind === 'refused') {
    process.stderr.write(`Nothing rotated: ${outcome.reason}\n`);
    process.exit(1);
  }
  process.stdout.write(
    `Rotated: ${outcome.cases} case(s) and ${outcome.chats} open chat(s) now use key id ` +
      `${outcome.keyId}. Start the bot with DATA_ENCRYPTION_KEY set to the new key.\n`,
  );
}

void main().catch((error: unknown) => {
  process.stderr.write(`Rotation stopped: ${error instanceof Error ? error.message : error}\n`);
  process.exit(1);
});
