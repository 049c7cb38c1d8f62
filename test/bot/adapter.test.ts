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

describe('a turn that fails because the database cannot be reached', () => {
  const broken = (name: string, code?: string) =>
    Object.assign(new Error('connection lost'), { name, ...(code ? { code } : {}) });

  it.each([
    ['a network error of the driver', broken('MongoNetworkError')],
    ['a cleared connection pool', broken('MongoPoolClearedError')],
    ['no server to select', broken('MongoServerSelectionError')],
    ['a socket the database side closed (EPIPE)', broken('Error', 'EPIPE')],
    ['a reset connection', broken('Error', 'ECONNRESET')],
    ['a busy SQLite file', broken('SqliteError', 'SQLITE_BUSY')],
  ])('is answered with "try again shortly" for %s', async (_what, error) => {
    const { logger } = capturingLogger();
    const adapter = new TestAdapter(async () => {
      throw error;
    });
    adapter.onTurnError = (context, failure) => apologise(context, failure, logger);
    await adapter
      .send({ type: 'message', text: 'hej', locale: 'da-DK' })
      .assertReply(catalogues.da['error.storageDown'])
      .startTest();
  });
});
