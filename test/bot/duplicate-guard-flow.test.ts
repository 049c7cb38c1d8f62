import type { CaseNumber } from '../../cases/case-number';
import { catalogues, text } from '../../texts';
import { formatTime } from '../../texts/format-time';
import { startApprovalWorld, type ApprovalWorld } from '../support/approval-world';
import {
  cardsTo,
  postedThreads,
  pressSubmit,
  submitData,
  type SentCard,
} from '../support/issue13-world';
import { rawStoredData } from '../support/raw-storage';
import { describeEachBackend } from '../support/storage-backends';
import { until } from '../support/until';

const da = catalogues.da;
const OWN_CVR = '13748136';
const OTHER_CVR = '29403473';
const REASON = 'Forælderen har aldrig modtaget det første brev';
const CASE_NUMBER = /UL-\d{4}-\d{5}/;
const byStaff2 = (actor: object) => 'aadObjectId' in actor && actor.aadObjectId === 'staff-2';

describeEachBackend('the duplicate guard when staff file a new login', (backend) => {
  let world: ApprovalWorld;
  beforeEach(async () => {
    world = await startApprovalWorld(backend.fresh());
    await world.channel('registrer', 'approver-1');
  });
  afterEach(() => world.close());

  const chat = (userId: string) => `personal-${userId}`;
  const say = (userId: string, message: string) => world.say(chat(userId), message, userId);
  const textsTo = (userId: string) => world.connector.textsTo(chat(userId));
  const lastMessage = (userId: string) => world.connector.messagesTo(chat(userId)).at(-1)!;
  const duplicateCards = (userId: string) =>
    cardsTo(world.connector, chat(userId)).filter((c) => c.json.includes(da['duplicate.title']));
  const stored = async (caseNumber: CaseNumber) => (await world.app.stores.cases.get(caseNumber))!;
  /** The approval card posted in the support channel for a case. */
  const approvalCardOf = (caseNumber: string) =>
    postedThreads(world.connector).find((posted) =>
      posted.json.includes(text('da', 'approval.title', { caseNumber })),
    );

  /** Answers a new login's questions up to and including the CVR. */
  async function newLoginUpToCvr(userId: string, cpr: string, cvr = OWN_CVR): Promise<void> {
    for (const answer of ['ny unilogin', 'ja', 'ja', 'ja', cpr, cvr]) await say(userId, answer);
  }

  /** Confirms the summary and returns the number the case was filed under. */
  async function confirm(userId: string): Promise<CaseNumber> {
    await say(userId, 'bekræft');
    const filed = textsTo(userId)
      .filter((t) => CASE_NUMBER.test(t))
      .at(-1);
    return CASE_NUMBER.exec(filed ?? '')![0] as CaseNumber;
  }

  /** A new login filed at an institution; its card is in the channel, its jobs are done. */
  async function filedCase(userId: string, cpr: string, cvr = OWN_CVR): Promise<CaseNumber> {
    await newLoginUpToCvr(userId, cpr, cvr);
    await say(userId, 'Åse Ørum');
    const caseNumber = await confirm(userId);
    await world.settled(caseNumber);
    return caseNumber;
  }

  /** A new login filed, approved, and its secure mail sent. */
  async function issuedCase(userId: string, cpr: string): Promise<CaseNumber> {
    const caseNumber = await filedCase(userId, cpr);
    const mails = world.smtp.messages.length;
    await world.invoke('case.approve', { caseNumber }, 'approver-2');
    await until(() => world.smtp.messages.length === mails + 1);
    await world.settled(caseNumber);
    expect((await stored(caseNumber)).state).toBe('mail_sent');
    return caseNumber;
  }

  /** The duplicate card the last answer got, checked to be the newest message. */
  function warning(userId: string): SentCard {
    const card = duplicateCards(userId).at(-1);
    expect(card).toBeDefined();
    expect(JSON.stringify(lastMessage(userId))).toContain(da['duplicate.title']);
    return card!;
  }

  it('warns of a CPR with an issued login, names that case and continues as its forgotten login', async () => {
    const earlier = await issuedCase('staff-1', '150385-1234');
    await newLoginUpToCvr('staff-2', '150385-1234');
    const card = warning('staff-2');
    expect(card.json).toContain(earlier);
    expect(card.json).toContain(da['state.mail_sent']);
    expect(card.json).not.toContain('150385-1234');
    const forgotten = submitData(card, (data) => data.action === 'intake.forgottenInstead');
    expect(forgotten).toEqual({ action: 'intake.forgottenInstead', caseNumber: earlier });
    expect(card.json).toContain(text('da', 'duplicate.forgotten', { caseNumber: earlier }));
    // Showing the earlier case to staff of its institution is a read of it.
    const reads = (await world.app.stores.audit.forCase(earlier)).filter(
      (e) => e.action === 'case.read' && byStaff2(e.actor),
    );
    expect(reads).toHaveLength(1);

    // The earlier case, the CPR and the CVR carry over and are checked; the warning came before
    // the recipient was asked, so the recipient and what to send are what is left.
    const before = textsTo('staff-2').length;
    await pressSubmit(world, chat('staff-2'), forgotten!, 'staff-2');
    expect(textsTo('staff-2').slice(before)).toEqual([da['ask.recipient']]);
    await say('staff-2', 'Åse Ørum');
    expect(textsTo('staff-2').at(-1)).toBe(da['ask.requested']);
    await say('staff-2', 'begge');
    const summary = JSON.stringify(lastMessage('staff-2'));
    expect(summary).toContain(da['kind.forgotten']);
    expect(summary).toContain(earlier);
    const caseNumber = await confirm('staff-2');
    expect(caseNumber).not.toBe(earlier);

    const filed = await stored(caseNumber);
    expect(filed.request).toEqual({
      kind: 'forgotten',
      earlierCaseNumber: earlier,
      requested: 'both',
    });
    expect(filed.subject.cprHash).toBe((await stored(earlier)).subject.cprHash);
    await until(() => approvalCardOf(caseNumber) !== undefined);
    // Approvers see the earlier case whatever the requester chose.
    expect(approvalCardOf(caseNumber)!.json).toContain(da['approval.earlierCases']);
    expect(approvalCardOf(caseNumber)!.json).toContain(
      text('da', 'approval.earlierCase', {
        caseNumber: earlier,
        state: da['state.mail_sent'],
        filedAt: formatTime('da', (await stored(earlier)).filedAt),
      }),
    );
    expect(approvalCardOf(caseNumber)!.json).toContain(
      text('da', 'approval.kind.forgotten', {
        requested: da['requested.both'],
        earlierCaseNumber: earlier,
      }),
    );
  });

  it('warns of a CPR with an open case, goes on with a typed reason, and shows the earlier case and the reason to approvers', async () => {
    const earlier = await filedCase('staff-1', '150385-2345');
    await newLoginUpToCvr('staff-2', '150385-2345');
    const card = warning('staff-2');
    expect(card.json).toContain(earlier);
    expect(card.json).toContain(da['state.filed']);
    // An open case cannot be asked for as a forgotten login: there is nothing to go on but a reason.
    expect(card.card.actions ?? []).toEqual([]);

    await say('staff-2', 'nej');
    expect(textsTo('staff-2').at(-1)).toBe(text('da', 'duplicate.reasonShort', { min: 5 }));
    await say('staff-2', REASON);
    expect(textsTo('staff-2').at(-1)).toBe(da['ask.recipient']);
    await say('staff-2', 'Bo Berg');
    const summary = JSON.stringify(lastMessage('staff-2'));
    expect(summary).toContain(da['summary.duplicateReason']);
    expect(summary).toContain(REASON);
    const caseNumber = await confirm('staff-2');
    expect((await stored(caseNumber)).request).toEqual({ kind: 'new', duplicateReason: REASON });

    await until(() => approvalCardOf(caseNumber) !== undefined);
    const posted = approvalCardOf(caseNumber)!.json;
    expect(posted).toContain(da['approval.earlierCases']);
    expect(posted).toContain(
      text('da', 'approval.earlierCase', {
        caseNumber: earlier,
        state: da['state.filed'],
        filedAt: formatTime('da', (await stored(earlier)).filedAt),
      }),
    );
    expect(posted).toContain(da['approval.duplicateReason']);
    expect(posted).toContain(REASON);
    // The earlier case's card, as an approver opens it, names the new one.
    const earlierView = await world.invoke('case.refresh', { caseNumber: earlier }, 'approver-2');
    const earlierJson = JSON.stringify(earlierView.body.value);
    expect(earlierJson).toContain(da['approval.earlierCases']);
    expect(earlierJson).toContain(caseNumber);
  });

  it('refuses a reason that holds a CPR number politely, keeps waiting for one, and stores no CPR', async () => {
    await filedCase('staff-1', '150385-3456');
    await newLoginUpToCvr('staff-2', '150385-3456');
    warning('staff-2');
    await say('staff-2', 'Barnets far har CPR 120478-9012 og er en anden');
    expect(textsTo('staff-2').at(-1)).toBe(da['duplicate.reasonHasCpr']);
    await say('staff-2', REASON);
    expect(textsTo('staff-2').at(-1)).toBe(da['ask.recipient']);
    await say('staff-2', 'Bo Berg');
    const caseNumber = await confirm('staff-2');
    expect((await stored(caseNumber)).request).toEqual({ kind: 'new', duplicateReason: REASON });
    await world.settled(caseNumber);
    const everything = [
      await rawStoredData(world.app.where),
      world.app.logs.join('\n'),
      JSON.stringify(world.connector.calls),
    ].join('\n');
    expect(everything).not.toMatch(/120478-?9012/);
  });

  it("counts another institution's case without naming it to staff, and names it to approvers", async () => {
    const elsewhere = await filedCase('staff-9', '150385-4567', OTHER_CVR);
    await newLoginUpToCvr('staff-2', '150385-4567', OWN_CVR);
    const card = warning('staff-2');
    expect(card.json).toContain(text('da', 'duplicate.elsewhere', { count: 1 }));
    expect(card.json).not.toContain(elsewhere);
    expect(card.json).not.toContain(da['duplicate.own']);
    expect(card.card.actions ?? []).toEqual([]);
    const reads = (await world.app.stores.audit.forCase(elsewhere)).filter((e) =>
      byStaff2(e.actor),
    );
    expect(reads).toEqual([]);

    await say('staff-2', REASON);
    await say('staff-2', 'Bo Berg');
    const caseNumber = await confirm('staff-2');
    await until(() => approvalCardOf(caseNumber) !== undefined);
    const posted = approvalCardOf(caseNumber)!.json;
    expect(posted).toContain(da['approval.earlierCases']);
    expect(posted).toContain(elsewhere);
  });

  it('lets a forgotten login for a CPR with an issued login through without a warning', async () => {
    const earlier = await issuedCase('staff-1', '150385-5678');
    for (const answer of ['glemt login', earlier, '150385-5678', OWN_CVR, 'Åse Ørum', 'begge']) {
      await say('staff-3', answer);
    }
    expect(duplicateCards('staff-3')).toHaveLength(0);
    const caseNumber = await confirm('staff-3');
    const filed = await stored(caseNumber);
    expect(filed.request.kind).toBe('forgotten');
    expect(filed.state).toBe('filed');
  });

  it('warns at filing when another new login for the CPR was filed after the summary was shown', async () => {
    await newLoginUpToCvr('staff-1', '150385-6789');
    await say('staff-1', 'Åse Ørum');
    await newLoginUpToCvr('staff-2', '150385-6789');
    await say('staff-2', 'Bo Berg');
    expect(duplicateCards('staff-2')).toHaveLength(0);
    const first = await confirm('staff-1');

    await say('staff-2', 'bekræft');
    const card = warning('staff-2');
    expect(card.json).toContain(first);
    expect(
      await world.app.stores.cases.listBySubject((await stored(first)).subject.cprHash),
    ).toEqual([expect.objectContaining({ caseNumber: first })]);
    await say('staff-2', REASON);
    // Every answer is known: the summary comes back, now with the reason.
    const summary = JSON.stringify(lastMessage('staff-2'));
    expect(summary).toContain(da['summary.title']);
    expect(summary).toContain(REASON);
    const second = await confirm('staff-2');
    expect(second).not.toBe(first);
    expect((await stored(second)).request).toEqual({ kind: 'new', duplicateReason: REASON });
  });
});
