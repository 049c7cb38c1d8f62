/** The institution a secure mail goes to, as the institution directory knows it. */
export interface Institution {
  cvr: string;
  name: string;
  /** The institution's secure mailbox. */
  secureMailAddress: string;
}

/** Looks institutions up by CVR number. */
export interface InstitutionDirectory {
  find(cvr: string): Promise<Institution | undefined>;
}

/** One secure mail, ready to send. It exists only in memory: it may carry a password. */
export interface SecureMail {
  to: string;
  subject: string;
  text: string;
  /** Ties the mail to its case without any personal data (used as a header). */
  caseNumber: string;
}

/** What the mail server said when it accepted a mail. */
export interface MailReceipt {
  messageId?: string;
}

/**
 * Sends secure mail. An implementation must enforce TLS 1.2 or newer with verified
 * certificates and never fall back to plain text; it throws when it cannot send.
 */
export interface SecureMailer {
  send(mail: SecureMail): Promise<MailReceipt>;
  /** Lets go of open connections, if it keeps any; called once at shutdown. */
  close?(): void;
}
