import type { SecureMailer } from '../cases/secure-mail';

/** The mailer, reporting how long each send took and whether the server took the mail. */
export function timedMailer(
  mailer: SecureMailer,
  sent: (seconds: number, ok: boolean) => void,
): SecureMailer {
  return {
    async send(mail) {
      const started = performance.now();
      const seconds = () => (performance.now() - started) / 1000;
      try {
        const receipt = await mailer.send(mail);
        sent(seconds(), true);
        return receipt;
      } catch (error) {
        sent(seconds(), false);
        throw error;
      }
    },
    ...(mailer.close ? { close: () => mailer.close?.() } : {}),
  };
}
