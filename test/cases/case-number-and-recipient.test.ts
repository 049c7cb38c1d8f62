import { parseCaseNumber } from '../../cases/case-number';
import { parseRecipientName } from '../../cases/recipient';
import { parseRequestedItems, parseYesNo } from '../../cases/yes-no';

describe('parseCaseNumber', () => {
  it.each([
    ['UL-2026-00042', 'UL-2026-00042'],
    ['ul-2026-00042', 'UL-2026-00042'],
    ['  Ul-2026-00042 ', 'UL-2026-00042'],
    ['UL-2027-123456', 'UL-2027-123456'],
  ])('accepts %j as %s', (input, expected) => {
    expect(parseCaseNumber(input)).toEqual({ ok: true, value: expected });
  });

  it.each([
    'UL-2026-0042',
    'UL-26-00042',
    'UL-20266-00042',
    'XX-2026-00042',
    'UL202600042',
    'UL_2026_00042',
    'UL–2026–00042',
    'UL-2026-00042x',
    'UL-2026-0004A',
    '2026-00042',
    '',
  ])('refuses %j as not a case number', (input) => {
    expect(parseCaseNumber(input)).toEqual({ ok: false, problem: 'caseNumber.format' });
  });
});

describe('parseRecipientName', () => {
  it.each(['Åse Ørum-Jæger', "Sinéad O'Brien", 'Sinéad O’Brien', 'Zoë', 'Bo', 'Łukasz Żółć'])(
    'accepts %j',
    (name) => {
      expect(parseRecipientName(name)).toEqual({ ok: true, value: name });
    },
  );

  it('trims the name and collapses inner runs of spaces', () => {
    expect(parseRecipientName('  Åse \t  Ørum-Jæger  ')).toEqual({
      ok: true,
      value: 'Åse Ørum-Jæger',
    });
  });

  it('stores a decomposed ë as its composed form', () => {
    expect(parseRecipientName('Zoe\u0308')).toEqual({ ok: true, value: 'Zo\u00eb' });
  });

  it('accepts a name of exactly 100 characters', () => {
    const name = 'a'.repeat(100);
    expect(parseRecipientName(name)).toEqual({ ok: true, value: name });
  });

  it.each([
    ['A', 'a single letter'],
    ['  A  ', 'a single letter among spaces'],
    ['', 'nothing'],
    ['    ', 'only spaces'],
    ['@', 'a lone @'],
    ['a'.repeat(101), '101 characters'],
    [`${'Åse '.repeat(25)}Ø`, '101 characters with spaces'],
  ])('refuses %j as the wrong length (%s)', (name) => {
    expect(parseRecipientName(name)).toEqual({ ok: false, problem: 'recipient.length' });
  });

  it.each([
    ['Anna 2', 'a digit'],
    ['R2D2', 'digits'],
    ['<script>', 'markup'],
    ['<script>alert(1)</script>', 'a script'],
    ['anna@skolen.dk', 'an @'],
    ['Anna @ Skolen', 'an @ between words'],
    ['Anna 😀', 'an emoji after a name'],
    ['😀😀', 'only emoji'],
    ['-Anna', 'a leading hyphen'],
    ["'Anna", 'a leading apostrophe'],
    ['Anna; DROP TABLE', 'a semicolon'],
  ])('refuses %j for its characters (%s)', (name) => {
    expect(parseRecipientName(name)).toEqual({ ok: false, problem: 'recipient.characters' });
  });
});

describe('parseYesNo', () => {
  it.each(['ja', 'Ja', 'JA', 'j', 'ja!', 'Ja.', ' yes ', 'Yes', 'y', 'YES!'])(
    'reads %j as yes',
    (input) => {
      expect(parseYesNo(input)).toEqual({ ok: true, value: true });
    },
  );

  it.each(['nej', 'Nej', 'NEJ.', 'n', ' no ', 'No!', 'N'])('reads %j as no', (input) => {
    expect(parseYesNo(input)).toEqual({ ok: true, value: false });
  });

  it.each(['måske', 'maybe', '', 'jo', 'nope', 'yes please', 'ja tak', '1'])(
    'calls %j unclear',
    (input) => {
      expect(parseYesNo(input)).toEqual({ ok: false, problem: 'yesNo.unclear' });
    },
  );
});

describe('parseRequestedItems', () => {
  it.each([
    ['brugernavn', 'username'],
    ['Brugernavn', 'username'],
    ['username', 'username'],
    [' User name ', 'username'],
    ['ny adgangskode', 'password'],
    ['Adgangskode', 'password'],
    ['new password', 'password'],
    ['PASSWORD', 'password'],
    ['begge', 'both'],
    ['Begge dele', 'both'],
    ['both', 'both'],
    [' Both ', 'both'],
  ])('reads %j as %s', (input, expected) => {
    expect(parseRequestedItems(input)).toEqual({ ok: true, value: expected });
  });

  it.each(['', 'kodeord', 'alt', 'login', 'pin', 'ja'])('calls %j unclear', (input) => {
    expect(parseRequestedItems(input)).toEqual({ ok: false, problem: 'requested.unclear' });
  });
});
