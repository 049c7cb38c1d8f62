import { randomBytes } from 'node:crypto';
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createTransport } from 'nodemailer';
import type Mail from 'nodemailer/lib/mailer';
import type StreamTransport from 'nodemailer/lib/stream-transport';
import type { MailReceipt, SecureMail, SecureMailer } from '../cases/secure-mail';

/** Local-mode stand-in for a secure mailbox: writes each mail as a private .eml file. */
export class FileDropMailer implements SecureMailer {
  private readonly transporter: Mail<StreamTransport.SentMessageInfo>;

  constructor(
    private readonly folder: string,
    private readonly from = 'unilogin-bot@localhost',
  ) {
    this.transporter = createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  }

  async send(mail: SecureMail): Promise<MailReceipt> {
    // The case number becomes part of a file name, so it must not be able to leave the folder.
    if (!/^[A-Za-z0-9_-]{1,64}$/.test(mail.caseNumber)) {
      throw new Error('Case number is not usable in a file name');
    }
    const info = await this.transporter.sendMail({
      from: this.from,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      headers: { 'X-Unilogin-Case': mail.caseNumber },
    });
    if (!Buffer.isBuffer(info.message)) {
      throw new Error('nodemailer did not return the message as a buffer');
    }
    await mkdir(this.folder, { recursive: true, mode: 0o700 });
    // A folder made before (or by hand) is tightened too: its mails hold passwords.
    await chmod(this.folder, 0o700);
    const time = new Date().toISOString().replace(/:/g, '-');
    const name = `${time}-${mail.caseNumber}-${randomBytes(6).toString('hex')}.eml`;
    // 'wx': never overwrite an existing file; mode 0o600: the mail may hold a password.
    await writeFile(join(this.folder, name), info.message, { mode: 0o600, flag: 'wx' });
    return { messageId: info.messageId };
  }
}
