import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FileDropMailer } from '../../mail/file-drop-mailer';
import { chatsSpec } from '../../storage/chats';
import { openSqliteStorage } from '../../storage/sqlite/sqlite-storage';
import { startTestApp } from '../support/test-app';

const modeOf = (file: string) => fs.statSync(file).mode & 0o777;

describe('file modes of the embedded store and local mode', () => {
  let parent: string;
  let oldUmask: number;
  beforeEach(() => {
    // The usual umask, under which files come out 0644 unless the bot asks for less.
    oldUmask = process.umask(0o022);
    parent = fs.mkdtempSync(path.join(os.tmpdir(), 'unilogin-modes-'));
  });
  afterEach(() => {
    process.umask(oldUmask);
    fs.rmSync(parent, { recursive: true, force: true });
  });

  it('keeps DATA_DIR 0700 and the database, its WAL and shared memory 0600', async () => {
    const dataDir = path.join(parent, 'data');
    const storage = openSqliteStorage(dataDir);
    await (await storage.collection(chatsSpec)).put('chat-1', { written: true });
    const file = path.join(dataDir, 'unilogin-bot.sqlite');
    const modes = ['', '-wal', '-shm'].map((suffix) => modeOf(file + suffix));
    await storage.close();
    expect(modeOf(dataDir)).toBe(0o700);
    expect(modes).toEqual([0o600, 0o600, 0o600]);
  });

  it('tightens a data folder and database made before with looser modes', async () => {
    const dataDir = path.join(parent, 'old');
    fs.mkdirSync(dataDir, { mode: 0o755 });
    fs.writeFileSync(path.join(dataDir, 'unilogin-bot.sqlite'), '', { mode: 0o644 });
    const storage = openSqliteStorage(dataDir);
    await storage.close();
    expect([modeOf(dataDir), modeOf(path.join(dataDir, 'unilogin-bot.sqlite'))]).toEqual([
      0o700, 0o600,
    ]);
  });

  it('keeps local-secrets.json 0600 and the file-drop outbox 0700', async () => {
    const dataDir = path.join(parent, 'local');
    const app = await startTestApp({ dataDir });
    await app.close();
    const outbox = path.join(dataDir, 'outbox');
    fs.mkdirSync(outbox, { mode: 0o755 });
    await new FileDropMailer(outbox).send({
      caseNumber: 'UL-2026-00001',
      to: 'skole@example.org',
      subject: 'Unilogin',
      text: 'hemmelig',
    });
    expect([modeOf(path.join(dataDir, 'local-secrets.json')), modeOf(outbox)]).toEqual([
      0o600, 0o700,
    ]);
  });
});
