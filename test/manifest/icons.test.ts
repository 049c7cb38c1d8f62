import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { appPackageDir, decodePng, pixelAt, pngSize, template } from './support';

const png = (name: string) => readFileSync(resolve(appPackageDir, name));
/** The manifest's accentColor (`#RRGGBB`) as red, green and blue. */
const accent = (
  (template() as { accentColor: string }).accentColor.match(/[0-9a-f]{2}/gi) ?? []
).map((hex) => parseInt(hex, 16));

/**
 * The icons are committed PNGs (appPackage/color.png and outline.png). These tests hold them to
 * Teams' rules, so that a replaced icon that breaks one fails here and not in the admin center.
 */
describe('the app icons', () => {
  it('are a 192×192 colour icon and a 32×32 outline icon', () => {
    expect(pngSize(png('color.png'))).toEqual({ width: 192, height: 192 });
    expect(pngSize(png('outline.png'))).toEqual({ width: 32, height: 32 });
  });

  it('make the outline icon white on a fully transparent background', () => {
    const icon = decodePng(png('outline.png'));
    const notWhite: number[][] = [];
    let opaque = 0;
    for (let y = 0; y < icon.height; y++) {
      for (let x = 0; x < icon.width; x++) {
        const [r = 0, g = 0, b = 0, a = 0] = pixelAt(icon, x, y);
        if (a === 0) continue;
        if (r !== 255 || g !== 255 || b !== 255) notWhite.push([x, y, r, g, b, a]);
        if (a === 255) opaque++;
      }
    }
    expect(icon.colorType).toBe(6); // RGBA
    expect(notWhite).toEqual([]);
    expect(opaque).toBeGreaterThan(100);
    for (const [x, y] of [
      [0, 0],
      [31, 0],
      [0, 31],
      [31, 31],
    ] as const) {
      expect(pixelAt(icon, x, y)[3]).toBe(0);
    }
  });

  it('give the outline icon no padding: the key reaches both side edges', () => {
    const icon = decodePng(png('outline.png'));
    const columnHasInk = (x: number) =>
      Array.from({ length: icon.height }, (_, y) => pixelAt(icon, x, y)[3] ?? 0).some((a) => a > 0);
    expect(columnHasInk(0)).toBe(true);
    expect(columnHasInk(31)).toBe(true);
  });

  it('paint the colour icon opaque on the accent colour, with the key inside the middle 96×96', () => {
    const icon = decodePng(png('color.png'));
    const wrong: number[][] = [];
    let white = 0;
    for (let y = 0; y < icon.height; y++) {
      for (let x = 0; x < icon.width; x++) {
        const [r = 0, g = 0, b = 0, a = 0] = pixelAt(icon, x, y);
        const inSymbolArea = x >= 48 && x < 144 && y >= 48 && y < 144;
        const isAccent = r === accent[0] && g === accent[1] && b === accent[2];
        if (a !== 255 || (!inSymbolArea && !isAccent)) wrong.push([x, y, r, g, b, a]);
        if (r === 255 && g === 255 && b === 255) white++;
      }
    }
    expect(wrong).toEqual([]);
    expect(white).toBeGreaterThan(1000);
  });
});
