import { isErasedCase, type Case, type CaseIn } from '../cases/case';
import type { CredentialIssuer, Credentials } from '../cases/credentials';
import type { Job } from '../cases/effects';
import type { JobOutcome } from '../cases/effects-worker';
import { runCommand } from '../cases/run-command';
import type { InstitutionDirectory, SecureMailer } from '../cases/secure-mail';
import type { WorkflowDeps } from '../cases/workflow-deps';
import { credentialsMail } from './credentials-mail';

/** What sending a case's credentials needs. */
export interface SendCredentialsDeps {
  workflow: WorkflowDeps;
  issuer: CredentialIssuer;
  mailer: SecureMailer;
  institutions: InstitutionDirectory;
}

/**
 * The sendMail job: marks the case as sending, issues the credentials (the password is made
 * here and exists only in the mail), sends the secure mail, and marks the case sent. Run again
 * after a crash, it sends a mail that says it replaces one that may have arrived; run again
 * after the case was marked sent, it does nothing.
 */
export function sendCredentials(deps: SendCredentialsDeps) {
  return async (job: Extract<Job, { kind: 'sendMail' }>): Promise<JobOutcome> => {
    const current = await deps.workflow.cases.get(job.caseNumber);
    // A closed case (and only a closed one can be erased by retention) never sends a mail.
    if (!current || (current.state !== 'approved' && current.state !== 'sending')) {
      return { outcome: 'done' };
    }
    if (await earlierCaseErased(deps, current)) {
      return {
        outcome: 'failed',
        reason: 'the earlier case was erased after its retention period',
      };
    }
    const institution = await deps.institutions.find(current.institution.cvr);
    if (!institution)
      return { outcome: 'retry', reason: 'the institution is not in the directory' };
    // An attempt that was still in flight when its worker died may have reached the server.
    const replacesEarlier = current.state === 'sending' && current.inFlight;
    const started = await runCommand(deps.workflow, job.caseNumber, () => ({
      kind: 'startSending',
    }));
    if (started.outcome !== 'done' || started.case.state !== 'sending') return { outcome: 'done' };
    const sending = started.case;
    let receipt;
    let credentials: Credentials;
    try {
      credentials = await credentialsFor(deps, sending);
      receipt = await deps.mailer.send(
        credentialsMail(sending, institution, credentials, replacesEarlier),
      );
    } catch (error) {
      const reason = (error instanceof Error && (error.message || error.name)) || 'unknown error';
      await runCommand(deps.workflow, job.caseNumber, () => ({
        kind: 'mailFailed',
        error: reason,
      }));
      return { outcome: 'retry', reason };
    }
    await runCommand(deps.workflow, job.caseNumber, () => ({
      kind: 'mailSent',
      messageId: receipt.messageId,
      username: credentials.username,
      replacedEarlier: replacesEarlier,
    }));
    return { outcome: 'done' };
  };
}

/** True when a forgotten login's earlier case had its personal data (username) erased. */
async function earlierCaseErased(deps: SendCredentialsDeps, value: Case): Promise<boolean> {
  if (value.request.kind !== 'forgotten') return false;
  const earlier = await deps.workflow.cases.get(value.request.earlierCaseNumber);
  return earlier !== undefined && isErasedCase(earlier);
}

/** A new login gets its username (the same on every attempt); a forgotten one what it asks. */
async function credentialsFor(
  deps: SendCredentialsDeps,
  value: CaseIn<'sending'>,
): Promise<Credentials> {
  if (value.request.kind === 'new') {
    return {
      username: await deps.issuer.usernameFor(value.caseNumber),
      password: deps.issuer.newPassword(),
    };
  }
  const { earlierCaseNumber, requested } = value.request;
  const earlier: Case | undefined = await deps.workflow.cases.get(earlierCaseNumber);
  const username = earlier?.state === 'mail_sent' ? earlier.mail.username : undefined;
  if (!username) throw new Error('the earlier case has no username');
  return {
    ...(requested !== 'password' ? { username } : {}),
    ...(requested !== 'username' ? { password: deps.issuer.newPassword() } : {}),
  };
}
