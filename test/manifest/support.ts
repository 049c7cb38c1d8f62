import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { inflateSync } from 'node:zlib';
import type { Json } from '../../manifest/fill-manifest';

export { schemaPath, validateManifest } from '../../manifest/validate-manifest';

/** The project root. */
export const root = resolve(__dirname, '../..');

/** The Teams app package's folder, as the Agents Toolkit expects it. */
export const appPackageDir = resolve(root, 'appPackage');

export function readJson(file: string): Json {
  return JSON.parse(readFileSync(file, 'utf8')) as Json;
}

/** appPackage/manifest.json, parsed, with its `${{…}}` placeholders. */
export function template(): Json {
  return readJson(resolve(appPackageDir, 'manifest.json'));
}

/** The ids and domain to fill the manifest with in tests. */
export const sample = {
  TEAMS_APP_ID: '2f4a6c8e-1b3d-4f5a-8c7e-9d0b1a2c3e4f',
  BOT_ID: '8c1e5a3f-2b4d-4e6f-9a1b-3c5d7e9f0a2b',
  BOT_DOMAIN: 'unilogin-bot.azurewebsites.net',
};

/** A decoded 8-bit PNG, as RGBA pixels. */
export interface DecodedPng {
  width: number;
  height: number;
  colorType: number;
  pixels: Uint8Array;
}

/** Width and height from a PNG's IHDR chunk, after checking the signature. */
export function pngSize(png: Buffer): { width: number; height: number } {
  const signature = '89504e470d0a1a0a';
  if (png.subarray(0, 8).toString('hex') !== signature) throw new Error('not a PNG');
  if (png.toString('ascii', 12, 16) !== 'IHDR') throw new Error('IHDR is not the first chunk');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/** Decodes a non-interlaced 8-bit RGB or RGBA PNG (all five row filters) into RGBA pixels. */
export function decodePng(png: Buffer): DecodedPng {
  const { width, height } = pngSize(png);
  const bitDepth = png[24];
  const colorType = png[25] ?? -1;
  const interlace = png[28];
  if (bitDepth !== 8 || ![2, 6].includes(colorType) || interlace !== 0) {
    throw new Error(`unsupported PNG: depth ${bitDepth}, colour type ${colorType}`);
  }
  const idat: Buffer[] = [];
  for (let at = 8; at < png.length;) {
    const length = png.readUInt32BE(at);
    const type = png.toString('ascii', at + 4, at + 8);
    if (type === 'IDAT') idat.push(png.subarray(at + 8, at + 8 + length));
    at += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const bpp = colorType === 6 ? 4 : 3;
  const stride = width * bpp;
  const rows = Buffer.alloc(height * stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    for (let i = 0; i < stride; i++) {
      const x = raw[y * (stride + 1) + 1 + i] ?? 0;
      const a = i >= bpp ? (rows[y * stride + i - bpp] ?? 0) : 0;
      const b = y > 0 ? (rows[(y - 1) * stride + i] ?? 0) : 0;
      const c = i >= bpp && y > 0 ? (rows[(y - 1) * stride + i - bpp] ?? 0) : 0;
      const predictor = [0, a, b, (a + b) >> 1, paeth(a, b, c)][filter ?? -1];
      if (predictor === undefined) throw new Error(`bad filter ${filter} in row ${y}`);
      rows[y * stride + i] = (x + predictor) & 0xff;
    }
  }
  const pixels = new Uint8Array(width * height * 4);
  for (let p = 0; p < width * height; p++) {
    for (let ch = 0; ch < 3; ch++) pixels[p * 4 + ch] = rows[p * bpp + ch] ?? 0;
    pixels[p * 4 + 3] = bpp === 4 ? (rows[p * bpp + 3] ?? 0) : 255;
  }
  return { width, height, colorType, pixels };
}

/** The RGBA of pixel (x, y). */
export function pixelAt(image: DecodedPng, x: number, y: number): number[] {
  const at = (y * image.width + x) * 4;
  return Array.from(image.pixels.subarray(at, at + 4));
}
