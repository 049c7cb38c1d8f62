import type { Catalogue } from './catalogue';

/** The English catalogue, used when the activity's locale is English. */
export const en: Catalogue = {
  'error.apology': 'Sorry, something went wrong on my side. Please try again in a moment.',
  'error.storageDown': "Sorry, I can't reach my database right now. Please try again shortly.",

  'welcome.title': 'Unilogin for parents without MitID',
  'welcome.body':
    'I help schools and daycares request a Unilogin username and password for a contact person who has no MitID/NemID. STIL support approves each case, and the credentials are sent by secure mail to the institution.',
  'welcome.new': 'New login',
  'welcome.forgotten': 'Forgotten login',
  'welcome.myCases': 'My cases',
  'welcome.help': 'Help',
  'welcome.status': 'Show status',
  'welcome.statusPlaceholder': 'Case number, e.g. UL-2026-00042',

  'help.text':
    'What I can do:\n\n- **new login**: request a username and password for a contact person without MitID\n- **forgot login**: request the username and/or a new password again\n- **status &lt;case number&gt;**: see where a case is (or type just **status** and I will ask)\n- **my cases**: list your cases\n- **cancel**: stop what we are doing\n- **language danish**: write to me in Danish (**language english** switches back)\n\nThe commands also work in the middle of a case: afterwards I ask again where we left off.',
  'command.cancelled': 'I have stopped. Nothing was saved. Type **help** to see what I can do.',
  'command.nothingToCancel':
    'We are not in the middle of anything. Type **help** to see what I can do.',

  'command.startedOver': 'I have stopped what we were doing and am starting over.',
  'language.chosen': 'Fine, I will write to you in English from now on.',
  'language.which': 'Which language would you like? Type **sprog dansk** or **language english**.',
  'conversation.forgotten':
    'Sorry, I have been updated and lost track of what we were doing. Nothing was saved, so we start over.',
  'answer.yes': 'Yes',
  'answer.no': 'No',
  'eligibility.contactPerson':
    'Is the citizen a contact person (parent or similar) of a child at a primary school or a daycare?',
  'eligibility.registered':
    "Is the citizen registered as contact person in the institution's student administration system?",
  'eligibility.triedMitId':
    'Has the institution, together with the relevant authorities, tried every way for the citizen to use MitID/NemID?',
  'eligibility.no.contactPerson':
    'Then the citizen cannot get a Unilogin this way: it is only for contact persons of children at a primary school or a daycare. The citizen can instead get help with MitID at Borgerservice. If in doubt, contact STIL support; if the citizen becomes a contact person, type **new login** again.',
  'eligibility.no.registered':
    'First register the citizen as contact person of the child in your student administration system. Then type **new login** again.',
  'eligibility.no.triedMitId':
    'First find out, together with the relevant authorities, whether the citizen can get or use MitID. If that is not possible, type **new login** again.',

  'ask.cpr': "What is the contact person's CPR number? (DDMMYY-XXXX)",
  'ask.cvr': "What is the institution's CVR number? The secure mail is sent to the institution.",
  'ask.recipient': 'Who at the institution should the secure mail be for? Type the person’s name.',
  'ask.earlierCaseNumber':
    'What is the case number of the case in which the username and password were first issued? (e.g. UL-2026-00042)',
  'ask.requested': 'What should be sent: the username, a new password, or both?',
  'ask.statusNumber': 'Which case number do you want the status of? (e.g. UL-2026-00042)',
  'requested.username': 'Username',
  'requested.password': 'New password',
  'requested.both': 'Both',

  'problem.cpr.notDigits': 'A CPR number has only digits, perhaps with a hyphen: DDMMYY-XXXX.',
  'problem.cpr.length': 'A CPR number has 10 digits: DDMMYY-XXXX.',
  'problem.cpr.date': 'The date in the CPR number (the first 6 digits) is not a real date.',
  'problem.cpr.future': 'The birth date in the CPR number is in the future.',
  'problem.cvr.notDigits': 'A CVR number has only digits.',
  'problem.cvr.length': 'A CVR number has exactly 8 digits.',
  'problem.cvr.leadingZero': 'A CVR number never starts with 0.',
  'problem.cvr.checksum':
    'That CVR number does not exist: its check digit is wrong. Please check for typos.',
  'problem.caseNumber.format': 'A case number looks like this: UL-2026-00042.',
  'problem.caseNumber.dontKnow':
    'The case number is in the message you got when the first case was filed. Type **my cases** to see your cases; afterwards I ask again. If a colleague filed it, ask them, or contact STIL support.',
  'problem.statusNumberGivenUp':
    'I could not read a case number. Type **my cases** to see your cases with their numbers.',
  'problem.recipient.length': 'The name must be between 2 and 100 characters.',
  'problem.recipient.characters': 'A name can only have letters, spaces, hyphens and apostrophes.',
  'problem.yesNo.unclear': 'Please answer yes or no.',
  'problem.requested.unclear': 'Please answer username, new password or both.',
  'problem.tooManyAttempts':
    'That was three tries, so I will stop here. Nothing was saved. Type **new login** or **forgot login** to start again.',
  'problem.earlierCaseMismatch':
    'I cannot find an earlier case with an issued Unilogin that matches that case number and CPR number. Please check both and try again.',
  'problem.notUnderstood':
    'I did not understand that. Use the buttons on the summary card, or type confirm, edit or cancel.',

  'problem.notUnderstoodIdle':
    'I did not understand that. Choose below what you want to do, or type **help**.',
  'intake.answerFirst': 'Please answer the question below first; then I show the summary again.',
  'summary.pending':
    'The summary is waiting for you: press **Confirm and send**, **Edit** or **Cancel** on the card, or type confirm, edit or cancel.',
  'summary.title': 'Check the details',
  'summary.kind': 'Kind of case',
  'summary.cpr': 'CPR number',
  'summary.cvr': 'CVR number',
  'summary.recipient': 'Recipient of the secure mail',
  'summary.earlierCaseNumber': 'Earlier case number',
  'summary.requested': 'Requested',
  'summary.confirm': 'Confirm and send',
  'summary.edit': 'Edit',
  'summary.cancel': 'Cancel',
  'summary.editWhich': 'What do you want to change?',
  'summary.filedAs': 'Filed as case **{caseNumber}**.',
  'summary.closed':
    'That summary is closed. Write **new login** or **forgot login** to start again.',
  'summary.words.confirm': 'confirm',
  'summary.words.edit': 'edit',

  'kind.new': 'New login',
  'kind.forgotten': 'Forgotten login',

  'filed.caseNumber':
    'The case is filed as **{caseNumber}**. Please keep the case number: you need it to ask about the case, and if the citizen later forgets their login.',
  'filed.processing.new':
    'Processing can take a while, because STIL support approves each case. Once approved, the username and password are sent by secure mail to the institution, and I will tell you here.',
  'filed.processing.username':
    'Processing can take a while, because STIL support approves each case. Once approved, the username is sent by secure mail to the institution; the password stays as it is. I will tell you here.',
  'filed.processing.password':
    'Processing can take a while, because STIL support approves each case. Once approved, a new password is sent by secure mail to the institution. The old password stops working once the new one is issued. I will tell you here.',
  'filed.processing.both':
    'Processing can take a while, because STIL support approves each case. Once approved, the username and a new password are sent by secure mail to the institution. The old password stops working once the new one is issued. I will tell you here.',
  'filed.aula':
    "Note: this Unilogin does not give access to Aula at once. Aula asks for MitID at the first login, so please contact your institution's Aula administrator.",

  'filing.rateLimited':
    'You have filed {perHour} cases within the last hour, so I am holding this one. The summary is kept: press **Confirm and send** again in a while. If this is a special need, contact STIL support.',
  'state.filed': 'Waiting for approval',
  'state.approved': 'Approved, secure mail pending',
  'state.sending': 'Approved, secure mail pending',
  'state.mail_sent': 'Secure mail sent (closed)',
  'state.denied': 'Denied (closed)',

  'status.title': 'Case {caseNumber}',
  'status.kind': 'Kind',
  'status.state': 'State',
  'status.cpr': 'CPR number',
  'status.recipient': 'Recipient of the secure mail',
  'status.recipientAt': '{recipient} (CVR {cvr})',
  'status.decidedBy': 'Decided by',
  'status.reason': 'Reason',
  'status.filedAt': 'Filed',
  'status.timeline': 'Timeline',
  'status.event.filed': 'Filed {at}',
  'status.event.approved': 'Approved {at}',
  'status.event.denied': 'Denied {at}: {reason}',
  'status.event.mailSent': 'Secure mail sent {at}',
  'status.unknown':
    'I do not know a case numbered {caseNumber} among your cases. Check the number, or type **my cases**.',
  'myCases.title': 'Your cases',
  'myCases.showStatus': 'Show status',
  'myCases.none': 'You have not filed any cases yet. Type **new login** to start.',

  'mail.subject': 'Unilogin for a contact person – case {caseNumber}',
  'mail.subjectReplacement':
    'Unilogin for a contact person – case {caseNumber} (replaces an earlier mail)',
  'mail.attention': 'For the attention of {recipient}, {institution}',
  'mail.intro':
    'STIL has approved case {caseNumber} for a Unilogin for the contact person with CPR number {cprMasked}. Please hand the details to the contact person in person.',
  'mail.intro.forgotten':
    'STIL has approved case {caseNumber} for the forgotten Unilogin of the contact person with CPR number {cprMasked} (earlier case {earlierCaseNumber}). Please hand the details to the contact person in person.',
  'mail.replacement':
    'This mail replaces an earlier mail in the same case, which may have arrived.',
  'mail.replacementPassword':
    'The password below is new; the password in the earlier mail does not work.',
  'mail.username': 'Username: {username}',
  'mail.password': 'Password: {password}',
  'mail.passwordHint': 'The contact person should change the password at the first login.',
  'mail.oldPasswordStops':
    'The old password no longer works. The contact person must use the new password above.',
  'mail.passwordUnchanged':
    'The password has not changed: the contact person keeps using the same password as before.',
  'mail.usernameUnchanged': 'The username has not changed.',
  'mail.aula':
    'Note: this Unilogin does not give access to Aula at once. Aula asks for MitID at the first login; contact your Aula administrator.',
  'mail.footer': 'Kind regards\nSTIL – the Danish Agency for IT and Learning',

  'approval.title': 'Unilogin case {caseNumber}',
  'approval.kind': 'Kind',
  'approval.kind.forgotten': 'Forgotten login: {requested} (earlier case {earlierCaseNumber})',
  'approval.cpr': 'CPR number',
  'approval.cvr': 'CVR number',
  'approval.institution': 'Institution',
  'approval.institutionUnknown':
    'The CVR number is not in the institution directory. The case cannot be approved until the institution is added.',
  'approval.recipient': 'Recipient of the secure mail',
  'approval.filedBy': 'Filed by',
  'approval.state': 'State',
  'approval.showActions': 'Decide',
  'approval.approve': 'Approve',
  'approval.deny': 'Deny',
  'approval.denyReason': 'Reason for the denial (sent to whoever filed the case)',
  'approval.denyReasonRequired': 'Please give a reason.',
  'approval.denySubmit': 'Deny the case',
  'approval.decided.approved': 'Approved by {name} {at}',
  'approval.decided.denied': 'Denied by {name} {at}: {reason}',
  'approval.mailPending': 'Secure mail waiting to be sent.',
  'approval.mailPendingRetry': 'Secure mail pending: the server did not answer, I will try again.',
  'approval.mailSent': 'Secure mail sent to {recipient}, {institution}, {at}',
  'approval.notice.alreadyDecided':
    'The case was already decided by {name} {at}. Nothing was changed.',
  'approval.notice.notAnApprover':
    'You are not an approver, so you cannot decide cases. Nothing was changed.',
  'approval.notice.ownCase': 'You cannot decide a case you filed yourself. Nothing was changed.',
  'approval.notice.unknownCase': 'The case does not exist. Nothing was changed.',
  'approval.notice.institutionUnknown':
    'The case cannot be approved: the CVR number is not in the institution directory. Add the institution and try again.',
  'approval.notice.reasonMissing': 'A denial needs a reason.',
  'approval.notice.reasonHasCpr':
    'Do not write CPR numbers in the reason: it is stored and sent to whoever filed the case. Nothing was changed.',
  'approval.notice.malformed': 'I did not understand that action. Nothing was changed.',
  'failure.postCard':
    'The case could not be posted to the support channel ({at}). Contact STIL support.',
  'failure.updateCard': 'The card in the support channel could not be updated ({at}).',
  'failure.tellRequester':
    'The message to the person who filed the case could not be delivered ({at}).',
  'failure.sendMail': 'The secure mail could not be sent ({at}).',
  'failure.audit': 'The audit trail could not be written ({at}).',
  'failure.alertSupport':
    'The alert to STIL support could not be posted in the support channel ({at}).',
  'forgotten.locked':
    'Too many wrong CPR numbers were tried for the earlier case, so it cannot be used for a forgotten login right now. Please contact STIL support.',
  'alert.title': 'Alert: earlier case {caseNumber} is locked for forgotten login',
  'alert.body':
    'Too many wrong CPR numbers were tried for this case. It is locked for forgotten-login requests until {lockedUntil}.',
  'alert.earlierCase': 'Earlier case',
  'alert.caseTries': 'Wrong tries on the case (24 hours)',
  'alert.userTries': 'Wrong tries by the user (24 hours)',
  'alert.at': 'Time',
  'alert.by': 'Tried by',
  'approval.earlierInstitution': "Earlier case's institution",
  'approval.earlierInstitutionDiffers':
    'Warning: the earlier case belongs to another institution than the one given in this case.',
  'groupChat.personalOnly':
    "I only help in a personal chat, so that nobody else sees a case's details. Write to me directly.",
  'channel.registered':
    'This channel is now the approval channel for Unilogin cases. New cases will be posted here.',
  'channel.registerRefused': 'Only approvers can register the approval channel.',
  'channel.help':
    'In the channel I can: **@Unilogin register** (make this the approval channel) and **@Unilogin pending** (list the cases waiting for a decision).',
  'channel.pendingNone': 'No cases are waiting for a decision.',
  'channel.pendingTitle': 'Cases waiting for a decision',
  'channel.failingTitle': 'Cases where something could not be done',
  'channel.approversOnly': 'Only STIL approvers can use that command.',
  'channel.pendingWrongChannel': 'Pending cases are shown only in the registered approval channel.',
  'access.noAccess': 'Only STIL approvers can see this case.',
  'access.noActor':
    'I cannot tell who you are, so I cannot help you. Write to me from Teams with your work account.',
  'scope.personalOnly': 'I cannot help with that here. Write to me in a personal chat.',
  'tenant.refused':
    'Your organisation does not have access to this bot. Contact STIL support if you think this is a mistake.',
  'requester.waitingForSupport':
    'STIL support has not set up an approval channel yet, so the case waits for them. It will be handled as soon as the channel is ready.',
  'requester.mailSent':
    'Case {caseNumber}: the secure mail with the Unilogin details was sent to {recipient}, {institution}, {at}. The case is closed.',
  'requester.denied': 'Case {caseNumber} was denied by STIL support. Reason: {reason}',

  'retention.erased': 'erased after {days} days',
  'retention.notice':
    "The case's personal data (CPR number, recipient, reason) was erased {at}, {days} days after the case closed.",

  'state.info_requested': 'Waiting for your answer',
  'approval.state.info_requested': 'Waiting for the institution to answer',
  'approval.ask': 'Ask for information',
  'approval.askQuestion':
    'Question to the one who filed the case (sent to their chat; do not write CPR numbers)',
  'approval.askQuestionRequired': 'Write a question.',
  'approval.askSubmit': 'Send the question',
  'approval.question': 'Question from {name} {at}: {question}',
  'approval.answer': 'Answer from {name} {at}: {answer}',
  'approval.waitingForAnswer':
    'The case waits for the institution to answer. Approve and Deny come back once the answer is here.',
  'approval.earlierCases': 'Earlier cases for the same CPR',
  'approval.earlierCase': '{caseNumber}: {state}, filed {filedAt}',
  'approval.duplicateReason': 'Reason for a new login despite earlier cases',
  'approval.notice.alreadyAsked':
    'A question was asked already by {name} {at}. Nothing was changed.',
  'approval.notice.questionMissing': 'Write a question. Nothing was changed.',
  'approval.notice.questionHasCpr':
    'Do not write CPR numbers in the question: it is stored and sent to the one who filed the case. Nothing was changed.',
  'approval.notice.questionTooLong':
    'The question can be at most {max} characters. Nothing was changed.',
  'approval.notice.ownCaseAsk':
    'You cannot ask questions on a case you filed yourself. Nothing was changed.',
  'thread.answered': 'Answer in case {caseNumber} from {name}, {at}: {answer}',
  'failure.replyInThread': 'The answer could not be posted in the case thread ({at}).',
  'question.title': 'STIL support has a question about case {caseNumber}',
  'question.reminderTitle':
    'Reminder: STIL support is waiting for your answer in case {caseNumber}',
  'question.asked': 'Asked by {name} {at}',
  'question.intro':
    'The case waits for your answer. Write it below and press **Send answer**; you can also answer later.',
  'question.answerLabel': 'Your answer (do not write CPR numbers)',
  'question.answerRequired': 'Write an answer.',
  'question.send': 'Send answer',
  'answer.sent':
    'Thank you. Your answer in case {caseNumber} was sent to STIL support, and the case goes on.',
  'answer.alreadyDecided':
    'Case {caseNumber} was decided already, so your answer was not sent. Write **status {caseNumber}** to see the decision.',
  'answer.alreadyAnswered':
    'That question in case {caseNumber} was answered already. Nothing was changed.',
  'answer.unknown': 'I cannot find an open question in case {caseNumber} among your cases.',
  'answer.missing': 'Write your answer in the field on the card, and press **Send answer** again.',
  'answer.hasCpr':
    'Do not write CPR numbers in the answer: it is stored and shown in the support channel. Change the answer, and press **Send answer** again.',
  'answer.tooLong':
    'The answer can be at most {max} characters. Make it shorter, and press **Send answer** again.',
  'status.question': 'Question from STIL support',
  'status.event.asked': 'Question from STIL support {at}: {question}',
  'status.event.answered': 'Answered {at}: {answer}',
  'duplicate.title': 'This CPR number already has a Unilogin or an open case',
  'duplicate.own': "Your institution's cases:",
  'duplicate.case': '{caseNumber}: {state}, filed {filedAt}',
  'duplicate.elsewhere':
    'There are also {count} case(s) for the CPR number at another institution.',
  'duplicate.options':
    'If the citizen forgot their login, ask for a **forgotten login** instead. If a new Unilogin must be made anyway, write a reason (no CPR numbers). Write **cancel** to stop.',
  'duplicate.locked':
    'You have had many warnings about CPR numbers with earlier cases today, so I will not look up more CPR numbers for you for the next 24 hours. Nothing was saved. Contact STIL support if the case cannot wait.',
  'duplicate.forgotten': 'Forgotten login for {caseNumber}',
  'duplicate.reasonShort': 'Write a reason of at least {min} characters, or write **cancel**.',
  'duplicate.reasonLong': 'The reason can be at most {max} characters. Make it shorter.',
  'duplicate.reasonHasCpr': 'Do not write CPR numbers in the reason. Please try again.',
  'summary.duplicateReason': 'Reason despite earlier cases',
  'digest.title': 'Cases waiting ({day})',
  'digest.intro': '{count} case(s) have waited too long. Oldest first.',
  'digest.filed': '**{caseNumber}** waits for a decision: {age}',
  'digest.infoRequested': '**{caseNumber}** waits for the institution to answer: {age}',
  'digest.open': 'Open {caseNumber}',
  'digest.more': 'And {count} more. Write **@Unilogin afventende** to see them all.',
  'age.hours': '{hours} hours',
  'age.days': '{days} days and {hours} hours',
};
