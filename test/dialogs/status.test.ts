import { describeEachBackend } from '../support/storage-backends';
import {
  COLLEAGUE,
  answers,
  cardIn,
  fact,
  fileNewLogin,
  issueCredentials,
  languages,
  useChats,
  type Card,
} from './chat-flows';

const UNKNOWN = 'UL-2026-09999';

interface Row {
  caseNumber?: string;
  title?: string;
  facts: [string, string][];
  button?: Record<string, unknown>;
}

/** The rows of the my-cases card: one container per case, with its facts and its button. */
function rowsOf(card: Card): Row[] {
  type Item = {
    type: string;
    text?: string;
    facts?: { title: string; value: string }[];
    actions?: { data?: Record<string, unknown> }[];
  };
  const containers = card.body as unknown as { type: string; items?: Item[] }[];
  return containers
    .filter((block) => block.type === 'Container')
    .map((block) => {
      const items = block.items ?? [];
      const title = items.find((i) => i.type === 'TextBlock')?.text;
      return {
        caseNumber: /UL-\d{4}-\d{5,}/.exec(title ?? '')?.[0],
        title,
        facts: items.flatMap((i) =>
          (i.facts ?? []).map((f): [string, string] => [f.title, f.value]),
        ),
        button: items.find((i) => i.type === 'ActionSet')?.actions?.[0]?.data,
      };
    });
}

describeEachBackend('status and my cases in the chat', (backend) => {
  const open = useChats();

  describe.each(languages)('in %s', (language) => {
    test('status of an own case shows a card with its number, kind and state', async () => {
      const c = await open(backend.fresh(), language);
      const caseNumber = await fileNewLogin(c);
      const replies = await c.send(`status ${caseNumber}`);
      expect(replies).toHaveLength(1);
      const card = cardIn(replies);
      expect(card.body[0]?.text).toBe(c.t('status.title', { caseNumber }));
      expect(card.body[0]?.text).toContain(caseNumber);
      expect(fact(card, c.t('status.kind'))).toBe(c.t('kind.new'));
      expect(fact(card, c.t('status.state'))).toBe(c.t('state.filed'));
    });

    test('status shows when the secure mail of an own case was sent', async () => {
      const c = await open(backend.fresh(), language);
      const caseNumber = await fileNewLogin(c);
      await issueCredentials(c, caseNumber);
      const card = cardIn(await c.send(`status ${caseNumber}`));
      expect(fact(card, c.t('status.state'))).toBe(c.t('state.mail_sent'));
    });

    test('a case number typed in lower case finds the own case', async () => {
      const c = await open(backend.fresh(), language);
      const caseNumber = await fileNewLogin(c);
      const card = cardIn(await c.send(`status ${caseNumber.toLowerCase()}`));
      expect(card.body[0]?.text).toBe(c.t('status.title', { caseNumber }));
    });

    test("another user's case is answered exactly like an unknown number", async () => {
      const where = backend.fresh();
      const owner = await open(where, language);
      const caseNumber = await fileNewLogin(owner);
      const other = await open(where, language, { userId: COLLEAGUE });
      const foreign = await other.texts(`status ${caseNumber}`);
      const unknown = await other.texts(`status ${UNKNOWN}`);
      expect(foreign).toEqual([other.t('status.unknown', { caseNumber })]);
      expect(unknown).toEqual([other.t('status.unknown', { caseNumber: UNKNOWN })]);
      expect(foreign[0]!.replace(caseNumber, '#')).toBe(unknown[0]!.replace(UNKNOWN, '#'));
      expect(JSON.stringify(other.transcript)).not.toContain(owner.t('state.filed'));
    });

    test('status without a number asks for the number', async () => {
      const c = await open(backend.fresh(), language);
      expect(await c.texts('status')).toEqual([c.t('ask.statusNumber')]);
    });

    test('status with a malformed number explains what a case number looks like', async () => {
      const c = await open(backend.fresh(), language);
      expect(await c.texts('status 42')).toEqual([c.t('problem.caseNumber.format')]);
      expect(await c.texts('status UL-26-1')).toEqual([c.t('problem.caseNumber.format')]);
    });

    test('my cases lists the own cases, newest first, and not those of others', async () => {
      const where = backend.fresh();
      const c = await open(where, language);
      // Three people: one CPR's second new login would be held by the duplicate guard.
      const person = (cpr: string) => ({ ...answers, cpr, cprMasked: `${cpr.slice(0, 6)}-****` });
      const first = await fileNewLogin(c);
      const second = await fileNewLogin(c, person('2103884567'));
      const other = await open(where, language, { userId: COLLEAGUE });
      const othersCase = await fileNewLogin(other, person('0205791234'));

      const card = cardIn(await c.send(c.words.myCases));
      expect(card.body[0]?.text).toBe(c.t('myCases.title'));
      expect(rowsOf(card).map((row) => row.caseNumber)).toEqual([second, first]);

      const othersCard = cardIn(await other.send(other.words.myCases));
      expect(rowsOf(othersCard).map((row) => row.caseNumber)).toEqual([othersCase]);
    });

    test('each row of my cases tells its case apart and its button shows that case', async () => {
      const c = await open(backend.fresh(), language);
      const caseNumber = await fileNewLogin(c);
      const [row] = rowsOf(cardIn(await c.send(c.words.myCases)));
      expect(row?.title).toBe(`**${caseNumber}** · ${c.t('kind.new')}`);
      expect(row?.facts).toEqual([
        [c.t('status.cpr'), expect.stringMatching(/^\d{6}-\*{4}$/)],
        [c.t('status.recipient'), expect.any(String)],
        [c.t('status.state'), c.t('state.filed')],
        [c.t('status.filedAt'), expect.any(String)],
      ]);
      expect(row?.button).toEqual({ action: 'menu.status', caseNumber });
      const status = cardIn(await c.send({ value: row!.button! }));
      expect(status.body[0]?.text).toBe(c.t('status.title', { caseNumber }));
    });

    test('my cases without any cases says there are none', async () => {
      const where = backend.fresh();
      const other = await open(where, language, { userId: COLLEAGUE });
      await fileNewLogin(other);
      const c = await open(where, language);
      expect(await c.texts(c.words.myCases)).toEqual([c.t('myCases.none')]);
    });
  });
});
