import { cprBirthYear, maskCpr, parseCpr, type Cpr } from '../../cases/cpr';

/** The day the tests pretend it is; every date-dependent rule is checked against it. */
const TODAY = new Date('2026-11-28');

const day = (year: number, month: number, date: number) =>
  new Date(Date.UTC(year, month - 1, date));

/** The old modulus-11 rule, computed here so that fixtures prove which side of it they are on. */
function passesModulus11(cpr: string): boolean {
  const weights = [4, 3, 2, 7, 6, 5, 4, 3, 2, 1];
  return weights.reduce((sum, w, i) => sum + w * Number(cpr[i]), 0) % 11 === 0;
}

const problemOf = (input: string, today: Date = TODAY) => {
  const parsed = parseCpr(input, today);
  return parsed.ok ? undefined : parsed.problem;
};

describe('cprBirthYear', () => {
  // digit 7, two-digit year, expected year: every cell of the CPR office's table, at its edges.
  const table: [number, number, number][] = [
    [0, 0, 1900],
    [3, 36, 1936],
    [1, 37, 1937],
    [2, 57, 1957],
    [0, 58, 1958],
    [3, 99, 1999],
    [4, 0, 2000],
    [9, 36, 2036],
    [4, 37, 1937],
    [9, 57, 1957],
    [4, 58, 1958],
    [9, 99, 1999],
    [5, 0, 2000],
    [8, 36, 2036],
    [6, 37, 2037],
    [7, 57, 2057],
    [5, 58, 1858],
    [8, 99, 1899],
  ];

  it.each(table)('puts digit 7 = %i with year %i in %i', (seventh, yy, expected) => {
    expect(cprBirthYear(yy, seventh)).toBe(expected);
  });
});

describe('parseCpr', () => {
  it('accepts a CPR number that fails the modulus-11 check', () => {
    expect(passesModulus11('0101901234')).toBe(false);
    expect(parseCpr('0101901234', TODAY)).toEqual({ ok: true, value: '0101901234' });
  });

  it('accepts a CPR number that passes the modulus-11 check', () => {
    expect(passesModulus11('0101901238')).toBe(true);
    expect(parseCpr('0101901238', TODAY)).toEqual({ ok: true, value: '0101901238' });
  });

  it('accepts every serial number of a valid date, whatever its check digit', () => {
    const failing = Array.from({ length: 10 }, (_, d) => `150385400${d}`).filter(
      (cpr) => !passesModulus11(cpr),
    );
    expect(failing.length).toBeGreaterThan(5);
    for (const cpr of failing) expect(parseCpr(cpr, TODAY)).toEqual({ ok: true, value: cpr });
  });

  it.each(['010190 1234', '010190-1234', ' 0101901234 ', '0101901234', ' 010190 - 1234\t'])(
    'normalises %j to its 10 digits',
    (input) => {
      expect(parseCpr(input, TODAY)).toEqual({ ok: true, value: '0101901234' });
    },
  );

  it.each(['010190123', '01019012345', '01019-01234-5', '1'])(
    'refuses %j as the wrong length',
    (input) => {
      expect(problemOf(input)).toBe('cpr.length');
    },
  );

  it.each(['01019O1234', 'abcdefghij', '010190_1234', '010190/1234', '', '   ', '+4501019012'])(
    'refuses %j as not digits',
    (input) => {
      expect(problemOf(input)).toBe('cpr.notDigits');
    },
  );

  it.each([
    ['3201901234', 'day 32'],
    ['0001901234', 'day 0'],
    ['0100901234', 'month 0'],
    ['0113901234', 'month 13'],
    ['3104901234', '31 April'],
    ['3106901234', '31 June'],
    ['9999991234', 'day 99 of month 99'],
  ])('refuses %s as no real date (%s)', (input) => {
    expect(problemOf(input)).toBe('cpr.date');
  });

  it.each([
    ['3006901234', '30 June'],
    ['3112991234', '31 December'],
    ['3101901234', '31 January'],
  ])('accepts %s, the last day of its month (%s)', (input) => {
    expect(parseCpr(input, TODAY)).toEqual({ ok: true, value: input });
  });

  describe('29 February', () => {
    it('accepts 29 February 2000 (digit 7 is 4: year 2000, a leap year)', () => {
      expect(parseCpr('2902004321', TODAY)).toEqual({ ok: true, value: '2902004321' });
    });

    it('accepts 29 February 2000 with digit 7 from 5 to 8', () => {
      expect(parseCpr('2902005321', TODAY).ok).toBe(true);
      expect(parseCpr('2902008321', TODAY).ok).toBe(true);
    });

    it('refuses 29 February 1900 (digit 7 from 0 to 3: 1900 is not a leap year)', () => {
      for (const seventh of [0, 1, 2, 3]) {
        expect(problemOf(`290200${seventh}321`)).toBe('cpr.date');
      }
    });

    it('accepts 29 February 1996 (digit 7 from 0 to 3)', () => {
      for (const seventh of [0, 1, 2, 3]) {
        expect(parseCpr(`290296${seventh}321`, TODAY).ok).toBe(true);
      }
    });

    it('accepts 29 February 2024 (digit 7 is 4)', () => {
      expect(parseCpr('2902244321', TODAY).ok).toBe(true);
    });

    it('refuses 29 February 1901 and 2001, which are not leap years', () => {
      expect(problemOf('2902010321')).toBe('cpr.date');
      expect(problemOf('2902014321')).toBe('cpr.date');
    });

    it('refuses 29 February 1858 (digit 7 from 5 to 8 with year 58)', () => {
      expect(problemOf('2902585321')).toBe('cpr.date');
    });

    it('accepts 28 February 1900', () => {
      expect(parseCpr('2802000321', TODAY).ok).toBe(true);
    });
  });

  describe('century from digit 7', () => {
    // The birth date is 1 January of the expected year exactly when the CPR is accepted on that
    // day and refused as in the future on the day before.
    const cells: [string, number, number][] = [
      ['0–3 with 00–36', 0, 1900],
      ['0–3 with 00–36', 3, 1936],
      ['0–3 with 37–57', 1, 1937],
      ['0–3 with 37–57', 2, 1957],
      ['0–3 with 58–99', 0, 1958],
      ['0–3 with 58–99', 3, 1999],
      ['4 or 9 with 00–36', 4, 2000],
      ['4 or 9 with 00–36', 9, 2036],
      ['4 or 9 with 37–57', 4, 1937],
      ['4 or 9 with 37–57', 9, 1957],
      ['4 or 9 with 58–99', 4, 1958],
      ['4 or 9 with 58–99', 9, 1999],
      ['5–8 with 00–36', 5, 2000],
      ['5–8 with 00–36', 8, 2036],
      ['5–8 with 37–57', 6, 2037],
      ['5–8 with 37–57', 7, 2057],
      ['5–8 with 58–99', 5, 1858],
      ['5–8 with 58–99', 8, 1899],
    ];

    it.each(cells)('reads digit 7 %s (digit %i) as a birth in %i', (_cell, seventh, year) => {
      const cpr = `0101${String(year % 100).padStart(2, '0')}${seventh}123`;
      expect(parseCpr(cpr, day(year, 1, 1))).toEqual({ ok: true, value: cpr });
      expect(problemOf(cpr, day(year - 1, 12, 31))).toBe('cpr.future');
    });

    it('reads 010158-5123 as 1858, not 1958 or 2058, with today fixed in 2026', () => {
      expect(parseCpr('0101585123', TODAY).ok).toBe(true);
      expect(problemOf('0101585123', day(1857, 12, 31))).toBe('cpr.future');
    });

    it('reads 010136-4123 as 2036, which is in the future in 2026', () => {
      expect(problemOf('0101364123')).toBe('cpr.future');
    });

    it('reads 010136-3123 as 1936, which is in the past', () => {
      expect(parseCpr('0101363123', TODAY).ok).toBe(true);
    });

    it('reads 010137-4123 as 1937, which is in the past', () => {
      expect(parseCpr('0101374123', TODAY).ok).toBe(true);
    });

    it('reads 010157-5123 as 2057, which is in the future in 2026', () => {
      expect(problemOf('0101575123')).toBe('cpr.future');
    });
  });

  describe('birth dates in the future', () => {
    it('accepts a child born today', () => {
      expect(parseCpr('2811264123', TODAY).ok).toBe(true);
    });

    it('refuses a birth date tomorrow', () => {
      expect(problemOf('2911264123')).toBe('cpr.future');
    });

    it('refuses a birth date next month and next year', () => {
      expect(problemOf('0112264123')).toBe('cpr.future');
      expect(problemOf('0101274123')).toBe('cpr.future');
    });

    it('judges the future by the calendar day in Denmark, not the time of day', () => {
      const lateDanishEvening = new Date('2026-11-28T22:59:59Z'); // 23:59:59 in Copenhagen
      expect(parseCpr('2811264123', lateDanishEvening).ok).toBe(true);
      expect(problemOf('2911264123', lateDanishEvening)).toBe('cpr.future');
      const justAfterDanishMidnight = new Date('2026-11-28T23:00:01Z'); // 29 Nov in Copenhagen
      expect(parseCpr('2911264123', justAfterDanishMidnight).ok).toBe(true);
    });

    it('checks the date is real before whether it is in the future', () => {
      expect(problemOf('3102274123')).toBe('cpr.date');
    });
  });
});

describe('maskCpr', () => {
  it('shows a CPR number as DDMMYY-****', () => {
    expect(maskCpr('0101901234' as Cpr)).toBe('010190-****');
  });

  it('shows none of the serial digits', () => {
    const masked = maskCpr('2902004321' as Cpr);
    expect(masked).toBe('290200-****');
    expect(masked).not.toMatch(/4321/);
  });

  it('masks what parseCpr returns for a hyphenated input', () => {
    const parsed = parseCpr('010190-1234', TODAY);
    if (!parsed.ok) throw new Error(`expected a valid CPR, got ${parsed.problem}`);
    expect(maskCpr(parsed.value)).toBe('010190-****');
  });
});
