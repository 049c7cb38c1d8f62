import { hasCprShape, maskCprShapes } from '../../cases/cpr-shape';

describe('CPR-shaped numbers in free text', () => {
  it.each([
    '0101901234',
    '010190-1234',
    '010190 1234',
    '010190 - 1234',
    '010190–1234',
    'CPR: 311299-4321.',
    'se 999999-9999 (ugyldig dato, stadig et CPR-format)',
  ])('finds one in %p', (text) => {
    expect(hasCprShape(text)).toBe(true);
    expect(maskCprShapes(text)).not.toMatch(/\d{6} ?[-–]? ?\d{4}/);
  });

  it.each([
    'Borgeren er ikke kontaktperson',
    'sag UL-2026-00042',
    'CVR 13748136',
    'telefon 12 34 56 78',
    '12345678901',
  ])('finds none in %p', (text) => {
    expect(hasCprShape(text)).toBe(false);
    expect(maskCprShapes(text)).toBe(text);
  });

  it('masks each, keeping the birth date as the masked form does', () => {
    expect(maskCprShapes('a 0101901234 b 311299-4321')).toBe('a 010190-**** b 311299-****');
  });
});
