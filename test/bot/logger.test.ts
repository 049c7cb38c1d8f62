import { Writable } from 'node:stream';
import { createLogger, errorSummary } from '../../bot/logger';

describe('the logger', () => {
  it('never writes a CPR number, a password or message text', () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _e, done) {
        lines.push(chunk.toString('utf8'));
        done();
      },
    });
    const logger = createLogger('info', sink);
    logger.info({ cpr: '0101901234', nested: { password: 'Hunter22x' }, text: 'min cpr' }, 'x');
    logger.info({ note: 'found 010190 1234 and 311299-4321' }, 'looked up 0101901234');
    logger.error({ err: new Error('bad 010190-1234') }, 'failed');
    const all = lines.join('\n');
    expect(all).not.toMatch(/1234|4321|Hunter22x|min cpr/);
    expect(all).toMatch(/010190-\*\*\*\*/);
    expect(all).toMatch(/bad 010190-\*\*\*\*/);
  });

  it('never writes the free text of a question, an answer or a reason for a new login', () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _e, done) {
        lines.push(chunk.toString('utf8'));
        done();
      },
    });
    const logger = createLogger('info', sink);
    logger.info({ question: 'Hvem er moster', action: { answer: 'Karen er moster' } }, 'asked');
    logger.info({ request: { duplicateReason: 'fejl i familien' } }, 'x');
    const all = lines.join('\n');
    expect(all).not.toMatch(/moster|familien/);
    expect(all).toContain('asked');
  });

  it('names the type of a logged error, whether passed as it is or as its summary', () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _e, done) {
        lines.push(chunk.toString('utf8'));
        done();
      },
    });
    const logger = createLogger('info', sink);
    logger.error({ err: new RangeError('out of 010190-1234') }, 'raw');
    logger.error({ err: errorSummary(new TypeError('bad')) }, 'summary');
    const [raw, summary] = lines.map((line) => JSON.parse(line) as { err: { type: string } });
    expect(raw?.err.type).toBe('RangeError');
    expect(summary?.err.type).toBe('TypeError');
    expect(lines.join('\n')).not.toContain('1234');
  });
});
