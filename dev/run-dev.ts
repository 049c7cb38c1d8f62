import { startDevStack } from './dev-stack';

/** `npm run dev`: the whole flow locally, without Azure. Ctrl-C stops all of it. */
async function main(): Promise<void> {
  const locale = process.env.DEV_LOCALE || 'da-DK';
  const stack = await startDevStack({
    botPort: Number(process.env.PORT ?? 3978),
    staffPort: 56150,
    approverPort: 56151,
    dataDir: process.env.DATA_DIR ?? './data/dev',
    onBotOutput: (line) => process.stdout.write(`[bot] ${line}\n`),
    // A real Teams client sends the user's locale; the playground always sends en-US.
    locale,
  });
  process.stdout.write(
    [
      '',
      'Unilogin bot, local mode (requests are not authenticated; never use this in production)',
      `  School staff (files cases):        ${stack.staffUrl}`,
      `  STIL support approver (approves):  ${stack.approverUrl}`,
      `  Secure mails land as .eml files in: ${stack.outboxDir}`,
      `  Activities carry locale ${locale} (DEV_LOCALE=en-US for English)`,
      '',
      'In the approver playground, open "STIL Support > Unilogin-godkendelser" and post',
      '"@Unilogin registrer" once. Then file a case as staff: "ny unilogin".',
      'Ctrl-C stops everything.',
      '',
    ].join('\n'),
  );
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    void stack.stop().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

void main().catch((error: unknown) => {
  process.stderr.write(`npm run dev could not start: ${String(error)}\n`);
  process.exit(1);
});
