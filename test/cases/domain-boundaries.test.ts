import fs from 'node:fs';
import path from 'node:path';

const CASES_DIR = path.resolve(__dirname, '../../cases');

/** Packages the domain must not know: frameworks, drivers, mail, cards, logging. */
const FORBIDDEN_PACKAGES = [
  /^botbuilder/,
  /^restify/,
  /^mongodb/,
  /^better-sqlite3/,
  /^nodemailer/,
  /^adaptivecards/,
  /^pino/,
];

/** The outer layers the domain must not reach into. */
const FORBIDDEN_LAYERS = ['bot', 'storage', 'dialogs', 'cards', 'mail'];

function tsFilesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return tsFilesUnder(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

/** Every module specifier a TypeScript source names: imports, re-exports, require and import(). */
function importedModules(source: string): string[] {
  const patterns = [
    /\b(?:import|export)\s+(?:type\s+)?[^'"`;]*?\bfrom\s*['"]([^'"]+)['"]/g,
    /\bimport\s*['"]([^'"]+)['"]/g,
    /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
    /\brequire\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
  ];
  return patterns.flatMap((pattern) => [...source.matchAll(pattern)].map((m) => m[1] ?? ''));
}

/** Why an import in `file` is not allowed in the domain, or undefined when it is. */
function boundaryBreach(file: string, specifier: string): string | undefined {
  if (specifier.startsWith('.')) {
    const target = path.resolve(path.dirname(file), specifier);
    const relative = path.relative(CASES_DIR, target);
    if (!relative.startsWith('..')) return undefined;
    const layer = path.relative(path.dirname(CASES_DIR), target).split(path.sep)[0] ?? '';
    return FORBIDDEN_LAYERS.includes(layer)
      ? `reaches into ${layer}/`
      : `leaves cases/ for ${layer}/`;
  }
  if (FORBIDDEN_PACKAGES.some((p) => p.test(specifier))) return `imports the package ${specifier}`;
  return undefined;
}

describe('the domain in cases/', () => {
  const files = tsFilesUnder(CASES_DIR);

  it('has source files to check', () => {
    expect(files.length).toBeGreaterThan(5);
    expect(files.map((f) => path.basename(f))).toEqual(
      expect.arrayContaining(['cpr.ts', 'cvr.ts', 'file-case.ts']),
    );
  });

  it.each(files.map((f) => [path.relative(CASES_DIR, f), f]))(
    'keeps %s free of frameworks, drivers and outer layers',
    (_name, file) => {
      const source = fs.readFileSync(file, 'utf8');
      const breaches = importedModules(source)
        .map((specifier) => ({ specifier, why: boundaryBreach(file, specifier) }))
        .filter((b) => b.why !== undefined);
      expect(breaches).toEqual([]);
    },
  );

  it('imports nothing but zod, node: built-ins and its own files', () => {
    const outside = files.flatMap((file) =>
      importedModules(fs.readFileSync(file, 'utf8')).filter(
        (s) => !s.startsWith('./') && !s.startsWith('node:') && s !== 'zod',
      ),
    );
    expect(outside).toEqual([]);
  });
});

describe('the boundary check itself', () => {
  const file = path.join(CASES_DIR, 'file-case.ts');

  it.each([
    "import { TurnContext } from 'botbuilder';",
    "import { DialogSet } from 'botbuilder-dialogs';",
    "import type { Server } from 'restify';",
    "import { MongoClient } from 'mongodb';",
    "import Database from 'better-sqlite3';",
    "import nodemailer from 'nodemailer';",
    "import * as AC from 'adaptivecards';",
    "import { Template } from 'adaptivecards-templating';",
    "import pino from 'pino';",
    "import { openStores } from '../storage';",
    "import type { Stores } from '../storage/index';",
    "import { sendMail } from '../mail/outbox';",
    "import { approvalCard } from '../cards/approval-card';",
    "import { NewLoginDialog } from '../dialogs/new-login';",
    "import { createApp } from '../bot/app';",
    "export { openStores } from '../storage';",
    "const restify = require('restify');",
    "const pinoLogger = await import('pino');",
  ])('catches %s', (line) => {
    const [specifier] = importedModules(line);
    expect(specifier).toBeDefined();
    expect(boundaryBreach(file, specifier ?? '')).toBeDefined();
  });

  it.each([
    "import { z } from 'zod';",
    "import { createHmac } from 'node:crypto';",
    "import type { Case } from './case';",
    "import { invalid, valid, type Parsed } from './parse-result';",
  ])('lets %s through', (line) => {
    const [specifier] = importedModules(line);
    expect(specifier).toBeDefined();
    expect(boundaryBreach(file, specifier ?? '')).toBeUndefined();
  });

  it('finds every import of a multi-line import list', () => {
    const source =
      "import {\n  a,\n  b,\n} from '../storage';\nimport type {\n  C,\n} from 'pino';";
    expect(importedModules(source)).toEqual(['../storage', 'pino']);
  });
});
