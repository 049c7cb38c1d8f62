import { parseCvr } from '../../cases/cvr';

/** The CVR rule computed here, so that each fixture shows which side of it it is on. */
function weightedSum(cvr: string): number {
  const weights = [2, 7, 6, 5, 4, 3, 2, 1];
  return weights.reduce((sum, w, i) => sum + w * Number(cvr[i]), 0);
}

const problemOf = (input: string) => {
  const parsed = parseCvr(input);
  return parsed.ok ? undefined : parsed.problem;
};

describe('parseCvr', () => {
  it.each(['13748136', '10150817', '25313763', '29403473', '12345674'])(
    'accepts %s, whose weighted sum is divisible by 11',
    (cvr) => {
      expect(weightedSum(cvr) % 11).toBe(0);
      expect(parseCvr(cvr)).toEqual({ ok: true, value: cvr });
    },
  );

  it.each(['13748137', '13748135', '10150818', '12345678', '99999999'])(
    'refuses %s, whose weighted sum is not divisible by 11',
    (cvr) => {
      expect(weightedSum(cvr) % 11).not.toBe(0);
      expect(problemOf(cvr)).toBe('cvr.checksum');
    },
  );

  it('refuses a CVR that starts with 0 even when its weighted sum is divisible by 11', () => {
    expect(weightedSum('01000004') % 11).toBe(0);
    expect(problemOf('01000004')).toBe('cvr.leadingZero');
  });

  it('refuses a CVR that starts with 0 and fails the checksum as starting with 0', () => {
    expect(problemOf('01374813')).toBe('cvr.leadingZero');
  });

  it.each(['1374813', '137481360', '1', '137481361374'])(
    'refuses %s as the wrong length',
    (cvr) => {
      expect(problemOf(cvr)).toBe('cvr.length');
    },
  );

  it.each(['1374813A', 'DK13748136', '13748-136', '13.748.136', '', '   '])(
    'refuses %j as not digits',
    (cvr) => {
      expect(problemOf(cvr)).toBe('cvr.notDigits');
    },
  );

  it.each([' 13748136 ', '1374 8136', '13 74 81 36', '\t13748136\n', '1374\t8136'])(
    'reads %j as 13748136, ignoring spaces',
    (input) => {
      expect(parseCvr(input)).toEqual({ ok: true, value: '13748136' });
    },
  );
});
