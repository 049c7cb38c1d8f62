import { text } from '../../../texts';
import {
  answers,
  cardSaying,
  COLLEAGUE,
  EARLIER,
  languages,
  said,
  seen,
  STAFF,
  typed,
  useMachineWorld,
} from './machine-world';

const world = useMachineWorld();

/**
 * The world holds STAFF's issued case EARLIER for `answers.cpr` at `answers.cvr`: a new login
 * for that CPR is warned about before the summary.
 */
describe.each(languages)('the duplicate warning in %s', (language) => {
  const w = typed[language];
  const t = (key: Parameters<typeof text>[1], values?: Record<string, string | number>) =>
    text(language, key, values);
  const toWarning = [w.newLogin, w.yes, w.yes, w.yes, answers.cpr, answers.cvr];
  const warning = cardSaying(t('duplicate.title'), [
    t('duplicate.forgotten', { caseNumber: EARLIER }),
  ]);

  it('warns once CPR and CVR are known, naming the own earlier case and offering its forgotten login', async () => {
    const chat = world().chat(language);
    await chat.sendAll(toWarning.slice(0, -1));
    expect(await chat.say(answers.cvr)).toEqual([warning]);
    expect(chat.conversation.flow).toMatchObject({ phase: 'duplicate', kind: 'new' });
  });

  it('goes on with a stated reason, which the summary and the filed case carry', async () => {
    const chat = world().chat(language);
    await chat.sendAll(toWarning);
    const reason = 'The first login went to the wrong parent';
    expect(await chat.say(reason)).toEqual([said(language, 'ask.recipient')]);
    const summary = await chat.send(answers.recipient);
    expect(JSON.stringify(summary.replies)).toContain(reason);
    const filed = await chat.send(w.confirm);
    const stored = await world().stores.cases.get(filed.filed!);
    expect(stored?.request).toEqual({ kind: 'new', duplicateReason: reason });
  });

  it('refuses a reason holding a CPR number, or too short, and asks again', async () => {
    const chat = world().chat(language);
    await chat.sendAll(toWarning);
    expect(await chat.say('Se 010190-1234')).toEqual([said(language, 'duplicate.reasonHasCpr')]);
    expect(await chat.say('nej')).toEqual([
      { kind: 'text', text: t('duplicate.reasonShort', { min: 5 }) },
    ]);
    expect(chat.conversation.flow).toMatchObject({ phase: 'duplicate' });
    expect(await chat.say('x')).toEqual([said(language, 'problem.tooManyAttempts')]);
    expect(chat.conversation.flow).toBeUndefined();
  });

  it('turns into a forgotten login of the earlier case, keeping the answers given', async () => {
    const chat = world().chat(language);
    await chat.sendAll(toWarning);
    const replies = await chat.say({ action: 'intake.forgottenInstead', caseNumber: EARLIER });
    expect(replies).toEqual([said(language, 'ask.recipient')]);
    expect(chat.conversation.flow).toMatchObject({
      kind: 'forgotten',
      verified: true,
      answers: { earlierCaseNumber: EARLIER, cvr: answers.cvr },
    });
  });

  it('does not name another institution’s case to a colleague there, only counts it', async () => {
    const chat = world().chat(language, COLLEAGUE);
    await chat.sendAll([w.newLogin, w.yes, w.yes, w.yes, answers.cpr]);
    const outcome = await chat.send('29403473');
    expect(outcome.replies.map(seen)).toEqual([cardSaying(t('duplicate.title'))]);
    const shown = JSON.stringify(outcome.replies);
    expect(shown).not.toContain(EARLIER);
    // Counted (the world's other tests add cases of this CPR at STAFF's institution).
    const [before, after] = t('duplicate.elsewhere').split('{count}');
    expect(shown).toMatch(new RegExp(`${before!}\\d+${after!.replace(/[.()]/g, '\\$&')}`));
  });

  it('answers help at the warning and shows the warning again', async () => {
    const chat = world().chat(language, STAFF);
    await chat.sendAll(toWarning);
    const replies = await chat.say(w.help);
    expect(replies.at(-1)).toEqual(warning);
  });
});
