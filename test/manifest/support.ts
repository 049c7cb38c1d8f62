import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { inflateSync } from 'node:zlib';
import type { Json } from '../../manifest/fill-manifest';

/** The project root. */
export const root = resolve(__dirname, '../..');

/** The manifest folder. */
export const manifestDir = resolve(root, 'manifest');

/** The Teams manifest schema 1.25 shipped beside the project, used offline. */
export const schemaPath = resolve(root, '../shared/schemas/teams-manifest-1.25.schema.json');

export function readJson(file: string): Json {
  return JSON.parse(readFileSync(file, 'utf8')) as Json;
}

/** The manifest template, parsed. */
export function template(): Json {
  return readJson(resolve(manifestDir, 'manifest.template.json'));
}

/** An app id and a domain to fill the template with in tests. */
export const sample = {
  MicrosoftAppId: '8c1e5a3f-2b4d-4e6f-9a1b-3c5d7e9f0a2b',
  BOT_DOMAIN: 'unilogin-bot.azurewebsites.net',
};

let validator: ((data: unknown) => string[]) | undefined;

/**
 * Validates a manifest against the shipped schema and returns one line per error (none when
 * valid). The schema declares JSON Schema draft-04, so this uses ajv-draft-04; `strict` is off
 * because the schema has keywords that strict mode rejects (e.g. `minimum` on an array), and
 * `unicodeRegExp` is off because one pattern holds `\a`, which a unicode RegExp refuses.
 * All its `$ref`s are local, so nothing is fetched.
 */
export function validateManifest(manifest: unknown): string[] {
  if (!validator) {
    const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
    addFormats(ajv);
    const validate = ajv.compile(readJson(schemaPath) as object);
    validator = (data) =>
      validate(data)
        ? []
        : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`);
  }
  return validator(manifest);
}

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
