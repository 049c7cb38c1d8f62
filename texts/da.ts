/** The Danish catalogue: every user-facing text of the bot. Danish is the default language. */
export const da = {
  'error.apology': 'Beklager, noget gik galt hos mig. Prøv venligst igen om lidt.',
  'error.storageDown':
    'Beklager, jeg kan ikke nå min database lige nu. Prøv venligst igen om et øjeblik.',

  'welcome.title': 'Unilogin til forældre uden MitID',
  'welcome.body':
    'Jeg hjælper skoler og dagtilbud med at bestille et Unilogin-brugernavn og en adgangskode til en kontaktperson, der ikke har MitID/NemID. STIL-support godkender hver sag, og oplysningerne sendes med sikker mail til institutionen.',
  'welcome.new': 'Nyt Unilogin',
  'welcome.forgotten': 'Glemt login',
  'welcome.myCases': 'Mine sager',
  'welcome.help': 'Hjælp',
  'welcome.status': 'Se status',
  'welcome.statusPlaceholder': 'Sagsnummer, fx UL-2026-00042',

  'help.text':
    'Det kan jeg:\n\n- **ny unilogin**: bestil brugernavn og adgangskode til en kontaktperson uden MitID\n- **glemt login**: bestil brugernavnet og/eller en ny adgangskode igen\n- **status &lt;sagsnummer&gt;**: se hvor en sag er (skriv bare **status**, så spørger jeg)\n- **mine sager**: se dine sager\n- **annuller**: stop det, vi er i gang med\n- **sprog engelsk**: skriv til mig på engelsk (**sprog dansk** skifter tilbage)\n\nKommandoerne virker også midt i en sag: bagefter spørger jeg igen, hvor vi slap.',
  'command.cancelled': 'Jeg har stoppet. Intet er gemt. Skriv **hjælp** for at se, hvad jeg kan.',
  'command.nothingToCancel':
    'Vi er ikke i gang med noget. Skriv **hjælp** for at se, hvad jeg kan.',

  'command.startedOver': 'Jeg har stoppet det, vi var i gang med, og begynder forfra.',
  'language.chosen': 'Fint, jeg skriver på dansk til dig fra nu af.',
  'language.which': 'Hvilket sprog vil du have? Skriv **sprog dansk** eller **language english**.',
  'conversation.forgotten':
    'Undskyld, jeg er blevet opdateret og har mistet tråden i det, vi var i gang med. Intet er gemt, så vi begynder forfra.',
  'answer.yes': 'Ja',
  'answer.no': 'Nej',
  'eligibility.contactPerson':
    'Er borgeren kontaktperson (forælder eller lignende) for et barn i grundskolen eller i et dagtilbud?',
  'eligibility.registered':
    'Er borgeren registreret som kontaktperson i institutionens elevadministrative system?',
  'eligibility.triedMitId':
    'Har institutionen sammen med de relevante myndigheder undersøgt alle muligheder for, at borgeren kan bruge MitID/NemID?',
  'eligibility.no.contactPerson':
    'Så kan borgeren desværre ikke få et Unilogin på denne måde: det gælder kun kontaktpersoner for børn i grundskolen eller i dagtilbud. Borgeren kan i stedet få hjælp til MitID i Borgerservice. Er du i tvivl, så kontakt STIL-support; bliver borgeren kontaktperson, så skriv **ny unilogin** igen.',
  'eligibility.no.registered':
    'Registrér først borgeren som kontaktperson for barnet i jeres elevadministrative system. Skriv derefter **ny unilogin** igen.',
  'eligibility.no.triedMitId':
    'Undersøg først sammen med de relevante myndigheder, om borgeren kan få eller bruge MitID. Er det ikke muligt, så skriv **ny unilogin** igen.',

  'ask.cpr': 'Hvad er kontaktpersonens CPR-nummer? (DDMMÅÅ-XXXX)',
  'ask.cvr': 'Hvad er institutionens CVR-nummer? Den sikre mail sendes til institutionen.',
  'ask.recipient': 'Hvem på institutionen skal den sikre mail sendes til? Skriv personens navn.',
  'ask.earlierCaseNumber':
    'Hvad er sagsnummeret fra den sag, hvor brugernavn og adgangskode blev udstedt første gang? (fx UL-2026-00042)',
  'ask.requested': 'Hvad skal sendes: brugernavnet, en ny adgangskode eller begge dele?',
  'ask.statusNumber': 'Hvilket sagsnummer vil du se status for? (fx UL-2026-00042)',
  'requested.username': 'Brugernavn',
  'requested.password': 'Ny adgangskode',
  'requested.both': 'Begge',

  'problem.cpr.notDigits': 'Et CPR-nummer består kun af tal, evt. med bindestreg: DDMMÅÅ-XXXX.',
  'problem.cpr.length': 'Et CPR-nummer har 10 cifre: DDMMÅÅ-XXXX.',
  'problem.cpr.date': 'Datoen i CPR-nummeret (de første 6 cifre) er ikke en rigtig dato.',
  'problem.cpr.future': 'Fødselsdatoen i CPR-nummeret ligger i fremtiden.',
  'problem.cvr.notDigits': 'Et CVR-nummer består kun af tal.',
  'problem.cvr.length': 'Et CVR-nummer har præcis 8 cifre.',
  'problem.cvr.leadingZero': 'Et CVR-nummer begynder aldrig med 0.',
  'problem.cvr.checksum':
    'Det CVR-nummer findes ikke: kontrolcifferet passer ikke. Tjek for tastefejl.',
  'problem.caseNumber.format': 'Et sagsnummer ser sådan ud: UL-2026-00042.',
  'problem.caseNumber.dontKnow':
    'Sagsnummeret står i den besked, du fik, da den første sag blev oprettet. Skriv **mine sager** for at se dine sager; bagefter spørger jeg igen. Er sagen oprettet af en kollega, så spørg dem, eller kontakt STIL-support.',
  'problem.statusNumberGivenUp':
    'Jeg kunne ikke læse et sagsnummer. Skriv **mine sager** for at se dine sager med deres numre.',
  'problem.recipient.length': 'Navnet skal være mellem 2 og 100 tegn.',
  'problem.recipient.characters':
    'Et navn kan kun indeholde bogstaver, mellemrum, bindestreger og apostroffer.',
  'problem.yesNo.unclear': 'Svar venligst ja eller nej.',
  'problem.requested.unclear': 'Svar venligst brugernavn, ny adgangskode eller begge.',
  'problem.tooManyAttempts':
    'Det blev til tre forsøg, så jeg stopper her. Intet er gemt. Skriv **ny unilogin** eller **glemt login** for at begynde forfra.',
  'problem.earlierCaseMismatch':
    'Jeg kan ikke finde en tidligere sag med udstedt Unilogin, der passer til det sagsnummer og CPR-nummer. Tjek begge og prøv igen.',
  'problem.notUnderstood':
    'Det forstod jeg ikke. Brug knapperne på opsummeringskortet, eller skriv bekræft, ret eller annuller.',

  'problem.notUnderstoodIdle':
    'Det forstod jeg ikke. Vælg herunder, hvad du vil, eller skriv **hjælp**.',
  'intake.answerFirst': 'Svar først på spørgsmålet herunder; så viser jeg opsummeringen igen.',
  'summary.pending':
    'Opsummeringen venter på dig: tryk **Bekræft og send**, **Ret** eller **Annuller** på kortet, eller skriv bekræft, ret eller annuller.',
  'summary.title': 'Tjek oplysningerne',
  'summary.kind': 'Sagstype',
  'summary.cpr': 'CPR-nummer',
  'summary.cvr': 'CVR-nummer',
  'summary.recipient': 'Modtager af sikker mail',
  'summary.earlierCaseNumber': 'Tidligere sagsnummer',
  'summary.requested': 'Ønskes',
  'summary.confirm': 'Bekræft og send',
  'summary.edit': 'Ret',
  'summary.cancel': 'Annuller',
  'summary.editWhich': 'Hvad vil du rette?',
  'summary.filedAs': 'Oprettet som sag **{caseNumber}**.',
  'summary.closed':
    'Det opsummeringskort er lukket. Skriv **ny unilogin** eller **glemt login** for at begynde forfra.',
  'summary.words.confirm': 'bekræft',
  'summary.words.edit': 'ret',

  'kind.new': 'Nyt Unilogin',
  'kind.forgotten': 'Glemt login',

  'filed.caseNumber':
    'Sagen er oprettet med sagsnummer **{caseNumber}**. Gem sagsnummeret: du skal bruge det, hvis du vil spørge til sagen, og hvis borgeren senere glemmer sit login.',
  'filed.processing.new':
    'Behandlingen kan tage et stykke tid, fordi hver sag skal godkendes af STIL-support. Når sagen er godkendt, sendes brugernavn og adgangskode med sikker mail til institutionen, og jeg giver dig besked her.',
  'filed.processing.username':
    'Behandlingen kan tage et stykke tid, fordi hver sag skal godkendes af STIL-support. Når sagen er godkendt, sendes brugernavnet med sikker mail til institutionen; adgangskoden er uændret. Jeg giver dig besked her.',
  'filed.processing.password':
    'Behandlingen kan tage et stykke tid, fordi hver sag skal godkendes af STIL-support. Når sagen er godkendt, sendes en ny adgangskode med sikker mail til institutionen. Den gamle adgangskode holder op med at virke, når den nye er udstedt. Jeg giver dig besked her.',
  'filed.processing.both':
    'Behandlingen kan tage et stykke tid, fordi hver sag skal godkendes af STIL-support. Når sagen er godkendt, sendes brugernavnet og en ny adgangskode med sikker mail til institutionen. Den gamle adgangskode holder op med at virke, når den nye er udstedt. Jeg giver dig besked her.',
  'filed.aula':
    'Bemærk: Dette Unilogin giver ikke adgang til Aula med det samme. Aula beder om MitID ved første login, så kontakt jeres Aula-administrator.',

  'filing.rateLimited':
    'Du har oprettet {perHour} sager inden for den seneste time, så jeg venter med denne. Opsummeringen er gemt: tryk **Bekræft og send** igen om lidt. Er det et særligt behov, så kontakt STIL-support.',
  'state.filed': 'Afventer godkendelse',
  'state.approved': 'Godkendt, sikker mail afventer',
  'state.sending': 'Godkendt, sikker mail afventer',
  'state.mail_sent': 'Sikker mail sendt (lukket)',
  'state.denied': 'Afvist (lukket)',

  'status.title': 'Sag {caseNumber}',
  'status.kind': 'Type',
  'status.state': 'Status',
  'status.cpr': 'CPR-nummer',
  'status.recipient': 'Modtager af sikker mail',
  'status.recipientAt': '{recipient} (CVR {cvr})',
  'status.decidedBy': 'Afgjort af',
  'status.reason': 'Begrundelse',
  'status.filedAt': 'Oprettet',
  'status.timeline': 'Forløb',
  'status.event.filed': 'Oprettet {at}',
  'status.event.approved': 'Godkendt {at}',
  'status.event.denied': 'Afvist {at}: {reason}',
  'status.event.mailSent': 'Sikker mail sendt {at}',
  'status.unknown':
    'Jeg kender ikke en sag med nummeret {caseNumber} blandt dine sager. Tjek nummeret, eller skriv **mine sager**.',
  'myCases.title': 'Dine sager',
  'myCases.showStatus': 'Se status',
  'myCases.none': 'Du har ikke oprettet nogen sager endnu. Skriv **ny unilogin** for at begynde.',

  'mail.subject': 'Unilogin til kontaktperson – sag {caseNumber}',
  'mail.subjectReplacement':
    'Unilogin til kontaktperson – sag {caseNumber} (erstatter tidligere mail)',
  'mail.attention': 'Att.: {recipient}, {institution}',
  'mail.intro':
    'STIL har godkendt sag {caseNumber} om Unilogin til kontaktpersonen med CPR-nummer {cprMasked}. Giv oplysningerne videre til kontaktpersonen personligt.',
  'mail.intro.forgotten':
    'STIL har godkendt sag {caseNumber} om glemt Unilogin til kontaktpersonen med CPR-nummer {cprMasked} (tidligere sag {earlierCaseNumber}). Giv oplysningerne videre til kontaktpersonen personligt.',
  'mail.replacement': 'Denne mail erstatter en tidligere mail i samme sag, som måske nåede frem.',
  'mail.replacementPassword':
    'Adgangskoden nedenfor er ny; adgangskoden i den tidligere mail virker ikke.',
  'mail.username': 'Brugernavn: {username}',
  'mail.password': 'Adgangskode: {password}',
  'mail.passwordHint': 'Kontaktpersonen bør skifte adgangskoden ved første login.',
  'mail.oldPasswordStops':
    'Den gamle adgangskode virker ikke længere. Kontaktpersonen skal bruge den nye adgangskode ovenfor.',
  'mail.passwordUnchanged':
    'Adgangskoden er ikke ændret: kontaktpersonen bruger samme adgangskode som før.',
  'mail.usernameUnchanged': 'Brugernavnet er ikke ændret.',
  'mail.aula':
    'Bemærk: Dette Unilogin giver ikke adgang til Aula med det samme. Aula beder om MitID ved første login; kontakt jeres Aula-administrator.',
  'mail.footer': 'Med venlig hilsen\nSTIL – Styrelsen for IT og Læring',

  'approval.title': 'Unilogin-sag {caseNumber}',
  'approval.kind': 'Type',
  'approval.kind.forgotten': 'Glemt login: {requested} (tidligere sag {earlierCaseNumber})',
  'approval.cpr': 'CPR-nummer',
  'approval.cvr': 'CVR-nummer',
  'approval.institution': 'Institution',
  'approval.institutionUnknown':
    'CVR-nummeret findes ikke i institutionsregisteret. Sagen kan ikke godkendes, før institutionen er tilføjet.',
  'approval.recipient': 'Modtager af sikker mail',
  'approval.filedBy': 'Oprettet af',
  'approval.state': 'Status',
  'approval.showActions': 'Afgør sagen',
  'approval.approve': 'Godkend',
  'approval.deny': 'Afvis',
  'approval.denyReason': 'Begrundelse for afvisningen (sendes til den, der oprettede sagen)',
  'approval.denyReasonRequired': 'Skriv en begrundelse.',
  'approval.denySubmit': 'Afvis sagen',
  'approval.decided.approved': 'Godkendt af {name} {at}',
  'approval.decided.denied': 'Afvist af {name} {at}: {reason}',
  'approval.mailPending': 'Sikker mail afventer afsendelse.',
  'approval.mailPendingRetry': 'Sikker mail afventer: serveren svarede ikke, jeg prøver igen.',
  'approval.mailSent': 'Sikker mail sendt til {recipient}, {institution}, {at}',
  'approval.notice.alreadyDecided': 'Sagen er allerede afgjort af {name} {at}. Intet er ændret.',
  'approval.notice.notAnApprover':
    'Du er ikke godkender, så du kan ikke afgøre sager. Intet er ændret.',
  'approval.notice.ownCase': 'Du kan ikke afgøre en sag, du selv har oprettet. Intet er ændret.',
  'approval.notice.unknownCase': 'Sagen findes ikke. Intet er ændret.',
  'approval.notice.institutionUnknown':
    'Sagen kan ikke godkendes: CVR-nummeret findes ikke i institutionsregisteret. Tilføj institutionen og prøv igen.',
  'approval.notice.reasonMissing': 'En afvisning kræver en begrundelse.',
  'approval.notice.reasonHasCpr':
    'Skriv ikke CPR-numre i begrundelsen: den gemmes og sendes til den, der oprettede sagen. Intet er ændret.',
  'approval.notice.malformed': 'Den handling forstod jeg ikke. Intet er ændret.',
  'failure.postCard': 'Sagen kunne ikke lægges i supportkanalen ({at}). Kontakt STIL-support.',
  'failure.updateCard': 'Kortet i supportkanalen kunne ikke opdateres ({at}).',
  'failure.tellRequester': 'Beskeden til den, der oprettede sagen, kunne ikke leveres ({at}).',
  'failure.sendMail': 'Den sikre mail kunne ikke sendes ({at}).',
  'failure.audit': 'Revisionssporet kunne ikke skrives ({at}).',
  'failure.alertSupport': 'Advarslen til STIL-support kunne ikke lægges i supportkanalen ({at}).',
  'forgotten.locked':
    'Der er prøvet for mange forkerte CPR-numre til den tidligere sag, så den kan ikke bruges til glemt login lige nu. Kontakt STIL-support.',
  'alert.title': 'Advarsel: tidligere sag {caseNumber} er låst for glemt login',
  'alert.body':
    'Der er prøvet for mange forkerte CPR-numre til sagen. Den er låst for anmodninger om glemt login indtil {lockedUntil}.',
  'alert.earlierCase': 'Tidligere sag',
  'alert.caseTries': 'Forkerte forsøg på sagen (24 timer)',
  'alert.userTries': 'Forkerte forsøg af brugeren (24 timer)',
  'alert.at': 'Tidspunkt',
  'alert.by': 'Forsøgt af',
  'approval.earlierInstitution': 'Tidligere sags institution',
  'approval.earlierInstitutionDiffers':
    'Advarsel: den tidligere sag tilhører en anden institution end den, der er angivet i denne sag.',
  'groupChat.personalOnly':
    'Jeg hjælper kun i en personlig chat, så ingen andre ser sagens oplysninger. Skriv til mig direkte.',
  'channel.registered':
    'Denne kanal er nu registreret som godkendelseskanal for Unilogin-sager. Nye sager lægges her.',
  'channel.registerRefused': 'Kun godkendere kan registrere godkendelseskanalen.',
  'channel.help':
    'I kanalen kan jeg: **@Unilogin registrer** (gør kanalen til godkendelseskanal) og **@Unilogin afventende** (vis sager, der venter på afgørelse).',
  'channel.pendingNone': 'Ingen sager venter på afgørelse.',
  'channel.pendingTitle': 'Sager, der venter på afgørelse',
  'channel.failingTitle': 'Sager, hvor noget ikke kunne gennemføres',
  'channel.approversOnly': 'Kun STIL-godkendere kan bruge den kommando.',
  'channel.pendingWrongChannel': 'Afventende sager vises kun i den registrerede godkendelseskanal.',
  'access.noAccess': 'Kun STIL-godkendere kan se denne sag.',
  'access.noActor':
    'Jeg kan ikke se, hvem du er, så jeg kan ikke hjælpe dig. Skriv til mig fra Teams med din arbejdskonto.',
  'scope.personalOnly': 'Det kan jeg ikke hjælpe med her. Skriv til mig i en personlig chat.',
  'tenant.refused':
    'Din organisation har ikke adgang til denne bot. Kontakt STIL-support, hvis du mener, det er en fejl.',
  'requester.waitingForSupport':
    'STIL-support har endnu ikke sat en godkendelseskanal op, så sagen venter på dem. Den bliver behandlet, så snart kanalen er klar.',
  'requester.mailSent':
    'Sag {caseNumber}: Sikker mail med Unilogin-oplysningerne er sendt til {recipient}, {institution}, {at}. Sagen er lukket.',
  'requester.denied': 'Sag {caseNumber} er afvist af STIL-support. Begrundelse: {reason}',

  'retention.erased': 'slettet efter {days} dage',
  'retention.notice':
    'Sagens personoplysninger (CPR-nummer, modtager, begrundelse) blev slettet {at}, {days} dage efter at sagen blev lukket.',

  'state.info_requested': 'Venter på jeres svar',
  'approval.state.info_requested': 'Venter på svar fra institutionen',
  'approval.ask': 'Bed om oplysninger',
  'approval.askQuestion':
    'Spørgsmål til den, der oprettede sagen (sendes i deres chat; skriv ikke CPR-numre)',
  'approval.askQuestionRequired': 'Skriv et spørgsmål.',
  'approval.askSubmit': 'Send spørgsmålet',
  'approval.question': 'Spørgsmål fra {name} {at}: {question}',
  'approval.answer': 'Svar fra {name} {at}: {answer}',
  'approval.waitingForAnswer':
    'Sagen venter på svar fra institutionen. Godkend og Afvis kommer igen, når svaret er her.',
  'approval.earlierCases': 'Tidligere sager for samme CPR',
  'approval.earlierCase': '{caseNumber}: {state}, oprettet {filedAt}',
  'approval.duplicateReason': 'Begrundelse for nyt login trods tidligere sager',
  'approval.notice.alreadyAsked':
    'Der er allerede stillet et spørgsmål af {name} {at}. Intet er ændret.',
  'approval.notice.questionMissing': 'Skriv et spørgsmål. Intet er ændret.',
  'approval.notice.questionHasCpr':
    'Skriv ikke CPR-numre i spørgsmålet: det gemmes og sendes til den, der oprettede sagen. Intet er ændret.',
  'approval.notice.questionTooLong': 'Spørgsmålet må højst være {max} tegn. Intet er ændret.',
  'approval.notice.ownCaseAsk':
    'Du kan ikke stille spørgsmål i en sag, du selv har oprettet. Intet er ændret.',
  'thread.answered': 'Svar i sag {caseNumber} fra {name}, {at}: {answer}',
  'failure.replyInThread': 'Svaret kunne ikke lægges i sagens tråd ({at}).',
  'question.title': 'STIL-support har et spørgsmål til sag {caseNumber}',
  'question.reminderTitle': 'Påmindelse: STIL-support venter på dit svar i sag {caseNumber}',
  'question.asked': 'Spurgt af {name} {at}',
  'question.intro':
    'Sagen venter på dit svar. Skriv det herunder og tryk **Send svar**; du kan også svare senere.',
  'question.answerLabel': 'Dit svar (skriv ikke CPR-numre)',
  'question.answerRequired': 'Skriv et svar.',
  'question.send': 'Send svar',
  'answer.sent':
    'Tak. Dit svar i sag {caseNumber} er sendt til STIL-support, og sagen behandles videre.',
  'answer.alreadyDecided':
    'Sag {caseNumber} er allerede afgjort, så dit svar er ikke sendt. Skriv **status {caseNumber}** for at se afgørelsen.',
  'answer.alreadyAnswered':
    'Det spørgsmål i sag {caseNumber} er allerede besvaret. Intet er ændret.',
  'answer.unknown': 'Jeg kan ikke finde et åbent spørgsmål i sag {caseNumber} blandt dine sager.',
  'answer.missing': 'Skriv dit svar i feltet på kortet, og tryk **Send svar** igen.',
  'answer.hasCpr':
    'Skriv ikke CPR-numre i svaret: det gemmes og vises i supportkanalen. Ret svaret, og tryk **Send svar** igen.',
  'answer.tooLong': 'Svaret må højst være {max} tegn. Gør det kortere, og tryk **Send svar** igen.',
  'status.question': 'Spørgsmål fra STIL-support',
  'status.event.asked': 'Spørgsmål fra STIL-support {at}: {question}',
  'status.event.answered': 'Besvaret {at}: {answer}',
  'duplicate.title': 'Der findes allerede et Unilogin eller en åben sag for dette CPR-nummer',
  'duplicate.own': 'Jeres institutions sager:',
  'duplicate.case': '{caseNumber}: {state}, oprettet {filedAt}',
  'duplicate.elsewhere': 'Der er også {count} sag(er) for CPR-nummeret hos en anden institution.',
  'duplicate.options':
    'Har borgeren glemt sit login, så bestil **glemt login** i stedet. Skal der alligevel oprettes et nyt Unilogin, så skriv en begrundelse (uden CPR-numre). Skriv **annuller** for at stoppe.',
  'duplicate.locked':
    'Du har i dag fået mange advarsler om CPR-numre med tidligere sager, så jeg slår ikke flere CPR-numre op for dig de næste 24 timer. Intet er gemt. Kontakt STIL-support, hvis sagen ikke kan vente.',
  'duplicate.forgotten': 'Glemt login for {caseNumber}',
  'duplicate.reasonShort': 'Skriv en begrundelse på mindst {min} tegn, eller skriv **annuller**.',
  'duplicate.reasonLong': 'Begrundelsen må højst være {max} tegn. Gør den kortere.',
  'duplicate.reasonHasCpr': 'Skriv ikke CPR-numre i begrundelsen. Prøv igen.',
  'summary.duplicateReason': 'Begrundelse trods tidligere sager',
  'digest.title': 'Sager, der venter ({day})',
  'digest.intro': '{count} sag(er) har ventet for længe. Ældste først.',
  'digest.filed': '**{caseNumber}** venter på afgørelse: {age}',
  'digest.infoRequested': '**{caseNumber}** venter på svar fra institutionen: {age}',
  'digest.open': 'Åbn {caseNumber}',
  'digest.more': 'Og {count} flere. Skriv **@Unilogin afventende** for at se alle.',
  'age.hours': '{hours} timer',
  'age.days': '{days} dage og {hours} timer',
} as const;
