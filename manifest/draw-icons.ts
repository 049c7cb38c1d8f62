/**
 * Draws the app icons into this folder: color.png (192×192, a white key on the accent colour
 * from manifest.template.json) and outline.png (32×32, a white key on transparent).
 * Run with `npm run icons` after changing the emblem or the accent colour.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { colorIconPng, outlineIconPng } from './icons';

const folder = __dirname;
const template = JSON.parse(readFileSync(join(folder, 'manifest.template.json'), 'utf8')) as {
  accentColor: string;
};

writeFileSync(join(folder, 'color.png'), colorIconPng(template.accentColor));
writeFileSync(join(folder, 'outline.png'), outlineIconPng());
process.stdout.write(
  `Drew color.png and outline.png in ${folder} (accent ${template.accentColor})\n`,
);
