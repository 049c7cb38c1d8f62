import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { SecureMail } from '../../cases/secure-mail';
import { FileDropMailer } from '../../mail/file-drop-mailer';
import { parseMail } from '../support/smtp-test-server';

const PASSWORD = 'Kx7#pQ2!vR9$wL4&';

function aMail(caseNumber = 'UL-7K3Q9'): SecureMail {
  return {
    to: 'sikkermail@skole.example',
    subject: 'Unilogin til Anna',
    text: `Hej\nAdgangskode: ${PASSWORD}\nVenlig hilsen STIL`,
    caseNumber,
  };
}

describe('FileDropMailer', () => {
  let root: string;
  let outbox: string;

  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'unilogin-outbox-'));
    outbox = path.join(root, 'data', 'outbox');
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  const emlFiles = (): string[] => fs.readdirSync(outbox).filter((f) => f.endsWith('.eml'));

  it('writes a parseable .eml with from, to, subject, case header and text', async () => {
    const receipt = await new FileDropMailer(outbox, 'unilogin@stil.example').send(aMail());

    const [file] = emlFiles();
    const raw = fs.readFileSync(path.join(outbox, file ?? ''), 'utf8');
    expect(raw).not.toContain('\r');
    const parsed = parseMail(raw);
    expect(parsed.headers.get('from')).toBe('unilogin@stil.example');
    expect(parsed.headers.get('to')).toBe('sikkermail@skole.example');
    expect(parsed.headers.get('subject')).toBe('Unilogin til Anna');
    expect(parsed.headers.get('x-unilogin-case')).toBe('UL-7K3Q9');
    expect(parsed.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(parsed.headers.get('message-id')).toBe(receipt.messageId);
    expect(parsed.text).toBe(aMail().text);
  });

  it('names the file after the time and case number, without colons', async () => {
    await new FileDropMailer(outbox).send(aMail());

    expect(emlFiles()).toEqual([
      expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d\.\d{3}Z-UL-7K3Q9-[0-9a-f]{12}\.eml$/),
    ]);
  });

  it('creates the missing folder with mode 700 and the file with mode 600', async () => {
    await new FileDropMailer(outbox).send(aMail());

    const [file] = emlFiles();
    expect(fs.statSync(outbox).mode & 0o777).toBe(0o700);
    expect(fs.statSync(path.join(outbox, file ?? '')).mode & 0o777).toBe(0o600);
  });

  it('writes one file per mail, also for the same case in the same millisecond', async () => {
    const mailer = new FileDropMailer(outbox);
    const clock = jest
      .spyOn(Date.prototype, 'toISOString')
      .mockReturnValue('2025-03-01T10:00:00.000Z');

    try {
      await Promise.all([mailer.send(aMail()), mailer.send(aMail()), mailer.send(aMail('UL-2'))]);
    } finally {
      clock.mockRestore();
    }

    expect(emlFiles()).toHaveLength(3);
  });

  it('refuses a case number that would lead the file out of the folder', async () => {
    await expect(new FileDropMailer(outbox).send(aMail('../escape'))).rejects.toThrow(
      /case number/i,
    );
    expect(fs.existsSync(path.join(root, 'data', 'escape'))).toBe(false);
  });
});
