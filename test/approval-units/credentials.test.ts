import {
  builtInIssuer,
  randomPassword,
  randomUsername,
  USERNAME_PATTERN,
  type UsernameRegistry,
} from '../../cases/credentials';
import { usernamesSpec } from '../../storage/document-username-registry';
import { describeEachBackend } from '../support/storage-backends';
import { openWorld, type UnitWorld } from './world';

const SAMPLES = 1000;
const samples = (make: () => string) => Array.from({ length: SAMPLES }, make);

describe('randomUsername', () => {
  it('always has four lowercase letters followed by four digits', () => {
    const bad = samples(randomUsername).filter((u) => !/^[a-z]{4}\d{4}$/.test(u));
    expect(bad).toEqual([]);
  });

  it('exports the Unilogin username pattern unchanged', () => {
    expect(USERNAME_PATTERN.test('kbmt4821')).toBe(true);
    expect(['Kbmt4821', 'kbm04821', 'kbmt482', 'kbmt48211', 'kbmtx4821']).toEqual(
      expect.not.arrayContaining([expect.stringMatching(USERNAME_PATTERN)]),
    );
  });

  it('varies from call to call', () => {
    expect(new Set(samples(randomUsername)).size).toBeGreaterThan(SAMPLES * 0.99);
  });
});

describe('randomPassword', () => {
  const passwords = samples(() => randomPassword());

  it('is 14 characters long by default, within the 8 to 24 of the rule', () => {
    expect(passwords.filter((p) => p.length !== 14)).toEqual([]);
  });

  it('always contains an uppercase letter, a lowercase letter and a digit', () => {
    const bad = passwords.filter((p) => !(/[A-Z]/.test(p) && /[a-z]/.test(p) && /\d/.test(p)));
    expect(bad).toEqual([]);
  });

  it('uses only letters and digits', () => {
    expect(passwords.filter((p) => !/^[A-Za-z0-9]+$/.test(p))).toEqual([]);
  });

  it('never uses the look-alikes l, I, O, 0 or 1', () => {
    expect(passwords.filter((p) => /[lIO01]/.test(p))).toEqual([]);
  });

  it('meets the rule at the shortest allowed length of 8 too', () => {
    const short = samples(() => randomPassword(8));
    const bad = short.filter(
      (p) => p.length !== 8 || !(/[A-Z]/.test(p) && /[a-z]/.test(p) && /\d/.test(p)),
    );
    expect(bad).toEqual([]);
  });

  it('varies from call to call', () => {
    expect(new Set(passwords).size).toBe(SAMPLES);
  });
});

describe('builtInIssuer', () => {
  /** A registry that refuses the first `taken` claims and records every name it was asked. */
  const refusingRegistry = (taken: number) => {
    const asked: string[] = [];
    const registry: UsernameRegistry = {
      claim: async (username) => {
        asked.push(username);
        return asked.length > taken;
      },
      reservedFor: async () => undefined,
    };
    return { registry, asked };
  };

  it.each([0, 1, 5])(
    'tries new usernames until the registry accepts one (%i taken)',
    async (taken) => {
      const { registry, asked } = refusingRegistry(taken);
      const username = await builtInIssuer(registry).usernameFor('UL-2026-00001');
      expect(asked).toHaveLength(taken + 1);
      expect(username).toBe(asked[taken]);
      expect(username).toMatch(USERNAME_PATTERN);
    },
  );

  it('issues passwords that meet the rule', () => {
    const password = builtInIssuer(refusingRegistry(0).registry).newPassword();
    expect(password).toMatch(/^[A-Za-z0-9]{8,24}$/);
    expect(password).toMatch(/[A-Z]/);
    expect(password).toMatch(/[a-z]/);
    expect(password).toMatch(/\d/);
  });
});

describeEachBackend('usernames kept in storage', (backend) => {
  let world: UnitWorld;
  beforeEach(async () => {
    world = await openWorld(new Date('2026-03-02T09:30:00.000Z'), { where: backend.fresh() });
  });
  afterEach(() => world.close());

  const owner = async (username: string) =>
    (await (await world.stores.storage.collection(usernamesSpec)).get(username))?.value.caseNumber;

  it('reserves the username it issues for the case it is issued to', async () => {
    const username = await builtInIssuer(world.stores.usernames).usernameFor('UL-2026-00042');
    expect(username).toMatch(USERNAME_PATTERN);
    expect(await owner(username)).toBe('UL-2026-00042');
    expect(await world.stores.usernames.reservedFor('UL-2026-00042')).toBe(username);
  });

  it('gives a case the same username on every call, also from a new issuer after a restart', async () => {
    const first = await builtInIssuer(world.stores.usernames).usernameFor('UL-2026-00042');
    const again = await builtInIssuer(world.stores.usernames).usernameFor('UL-2026-00042');
    expect(again).toBe(first);
  });

  it('gives different cases different usernames', async () => {
    const issuer = builtInIssuer(world.stores.usernames);
    const names = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        issuer.usernameFor(`UL-2026-${String(i + 1).padStart(5, '0')}`),
      ),
    );
    expect(new Set(names).size).toBe(20);
  });

  it('knows no username for a case that was never given one', async () => {
    expect(await world.stores.usernames.reservedFor('UL-2026-00007')).toBeUndefined();
  });

  it('lets the first claim of a username win and refuses later ones', async () => {
    const { usernames } = world.stores;
    expect(await usernames.claim('kbmt4821', 'UL-2026-00001')).toBe(true);
    expect(await usernames.claim('kbmt4821', 'UL-2026-00002')).toBe(false);
    expect(await usernames.claim('kbmt4821', 'UL-2026-00001')).toBe(false);
    expect(await owner('kbmt4821')).toBe('UL-2026-00001');
    expect(await usernames.reservedFor('UL-2026-00002')).toBeUndefined();
  });

  it('lets different usernames be claimed independently', async () => {
    const { usernames } = world.stores;
    expect(await usernames.claim('aaaa1111', 'UL-2026-00001')).toBe(true);
    expect(await usernames.claim('bbbb2222', 'UL-2026-00002')).toBe(true);
  });

  it('lets exactly one of 10 parallel claims of the same username win', async () => {
    const claims = Array.from({ length: 10 }, (_, i) =>
      world.stores.usernames.claim('race0001', `UL-2026-${String(i + 1).padStart(5, '0')}`),
    );
    const results = await Promise.all(claims);
    expect(results.filter(Boolean)).toHaveLength(1);
    const winner = `UL-2026-${String(results.indexOf(true) + 1).padStart(5, '0')}`;
    expect(await owner('race0001')).toBe(winner);
  });
});
