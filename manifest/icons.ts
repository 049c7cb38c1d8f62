import { encodePng, type RgbaImage } from './png';

/**
 * The emblem, a key lying on its side, in a unit square: true where (u, v) is inside it.
 * The bow is a ring on the left, the shaft runs to the right edge, two teeth hang below it.
 */
export function insideKey(u: number, v: number): boolean {
  const bow = { u: 0.2, v: 0.44, outer: 0.2, hole: 0.085 };
  const d = Math.hypot(u - bow.u, v - bow.v);
  if (d <= bow.outer) return d >= bow.hole;
  const within = (u0: number, u1: number, v0: number, v1: number) =>
    u >= u0 && u <= u1 && v >= v0 && v <= v1;
  return (
    within(0.36, 1, 0.38, 0.5) || // shaft
    within(0.66, 0.77, 0.5, 0.66) || // short tooth
    within(0.86, 1, 0.5, 0.72) // long tooth
  );
}

/** How much of pixel (x, y) the emblem covers, from 0 to 1, sampling `grid` × `grid` points. */
function coverage(x: number, y: number, size: number, box: [number, number], grid = 8): number {
  const [from, to] = box;
  let hits = 0;
  for (let i = 0; i < grid; i++) {
    for (let j = 0; j < grid; j++) {
      const px = (x + (i + 0.5) / grid) / size;
      const py = (y + (j + 0.5) / grid) / size;
      if (insideKey((px - from) / (to - from), (py - from) / (to - from))) hits++;
    }
  }
  return hits / (grid * grid);
}

/** Parses `#RRGGBB`. */
export function parseHexColor(hex: string): [number, number, number] {
  const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!match) throw new Error(`not a #RRGGBB colour: ${hex}`);
  return [1, 2, 3].map((i) => parseInt(match[i] ?? '', 16)) as [number, number, number];
}

/** The 192×192 colour icon as pixels: a white key on a solid background of `accent`. */
export function drawColorIcon(accent: string): RgbaImage {
  const size = 192;
  const [r, g, b] = parseHexColor(accent);
  const pixels = new Uint8Array(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      // Teams wants a 96×96 symbol with 48 px of padding, so that its crops lose nothing.
      const c = coverage(x, y, size, [0.25, 0.75]);
      const at = (y * size + x) * 4;
      pixels[at] = Math.round(r + (255 - r) * c);
      pixels[at + 1] = Math.round(g + (255 - g) * c);
      pixels[at + 2] = Math.round(b + (255 - b) * c);
      pixels[at + 3] = 255;
    }
  }
  return { width: size, height: size, pixels };
}

/** The 32×32 outline icon as pixels: a white key on a fully transparent background. */
export function drawOutlineIcon(): RgbaImage {
  const size = 32;
  const pixels = new Uint8Array(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const at = (y * size + x) * 4;
      // Every pixel is white; only its alpha says how much of it the key covers.
      pixels[at] = 255;
      pixels[at + 1] = 255;
      pixels[at + 2] = 255;
      // Teams wants no padding around the outline symbol: the key spans the full width.
      pixels[at + 3] = Math.round(255 * coverage(x, y, size, [0, 1]));
    }
  }
  return { width: size, height: size, pixels };
}

/** The colour icon as PNG bytes (RGB, opaque). */
export function colorIconPng(accent: string): Buffer {
  return encodePng(drawColorIcon(accent), { opaque: true });
}

/** The outline icon as PNG bytes (RGBA). */
export function outlineIconPng(): Buffer {
  return encodePng(drawOutlineIcon());
}
