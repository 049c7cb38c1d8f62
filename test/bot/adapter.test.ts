import { Writable } from 'node:stream';
import { TestAdapter } from 'botbuilder';
import { apologise } from '../../bot/adapter';
import { createLogger } from '../../bot/logger';
import { catalogues } from '../../texts';

function capturingLogger() {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _e, done) {
      lines.push(chunk.toString('utf8'));
      done();
    },
  });
  return { logger: createLogger('debug', sink), lines };
}

describe('a turn that fails', () => {
  it.each([
    ['da-DK', catalogues.da['error.apology']],
    ['en-US', catalogues.en['error.apology']],
  ])(
    'is logged and answered with a short apology in %s, never a stack trace',
    async (locale, apology) => {
      const { logger, lines } = capturingLogger();
      const adapter = new TestAdapter(async () => {
        throw new Error('database exploded while reading 010190-1234');
      });
      adapter.onTurnError = (context, error) => apologise(context, error, logger);
      await adapter.send({ type: 'message', text: 'hej', locale }).assertReply(apology).startTest();
      const logged = lines.join('\n');
      expect(logged).toMatch(/turn failed/);
      expect(logged).toMatch(/database exploded/);
      expect(logged).not.toMatch(/010190-?1234/);
    },
  );
});
