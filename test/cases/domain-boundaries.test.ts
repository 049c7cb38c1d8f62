import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');

/** What a layer of the house plan may not import: packages, and other layers of the bot. */
interface Boundary {
  packages: RegExp[];
  layers: string[];
}

/**
 * The house plan. cases/ is the domain and knows no framework, driver or outer layer. cards/
 * builds plain card data. dialogs/ is the conversation as plain state machines: no bot
 * framework, no storage, no bot wiring.
 */
const boundaries: Record<'cases' | 'cards' | 'dialogs', Boundary> = {
  cases: {
    packages: [
      /^botbuilder/,
      /^restify/,
      /^mongodb/,
      /^nodemailer/,
      /^adaptivecards/,
      /^better-sqlite3/,
      /^pino/,
    ],
    layers: ['bot', 'storage', 'mail', 'dialogs', 'cards'],
  },
  cards: {
    packages: [/^botbuilder/, /^restify/, /^mongodb/, /^better-sqlite3/, /^pino/],
    layers: ['bot', 'storage', 'mail', 'dialogs'],
  },
  dialogs: {
    packages: [/^botbuilder/, /^restify/, /^mongodb/, /^better-sqlite3/, /^nodemailer/, /^pino/],
    layers: ['storage', 'bot', 'mail'],
  },
};
type Layer = keyof typeof boundaries;
const layers = Object.keys(boundaries) as Layer[];

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

/** The top folder of the project that a relative import in `file` lands in. */
function layerOf(file: string, specifier: string): string {
  const target = path.resolve(path.dirname(file), specifier);
  return path.relative(ROOT, target).split(path.sep)[0] ?? '';
}

/** Why an import in `file` (of `layer`) breaks the house plan, or undefined when it does not. */
function boundaryBreach(layer: Layer, file: string, specifier: string): string | undefined {
  const { packages, layers: forbidden } = boundaries[layer];
  if (specifier.startsWith('.')) {
    const target = layerOf(file, specifier);
    return forbidden.includes(target) ? `reaches into ${target}/` : undefined;
  }
  if (packages.some((p) => p.test(specifier))) return `imports the package ${specifier}`;
  return undefined;
}

/** Files each layer surely has, so that a wrong folder cannot pass by checking nothing. */
const known: Record<Layer, string[]> = {
  cases: ['lifecycle.ts', 'file-case.ts', 'cpr.ts'],
  cards: ['approval-card.ts', 'filed-card.ts', 'adaptive-card.ts'],
  dialogs: ['conversation.ts', 'intake.ts', 'eligibility.ts'],
};

const filesOf = (layer: Layer) => tsFilesUnder(path.join(ROOT, layer));

describe.each(layers)('the house plan for %s/', (layer) => {
  const files = filesOf(layer);

  it('has source files to check', () => {
    expect(files.length).toBeGreaterThan(5);
    expect(files.map((f) => path.basename(f))).toEqual(expect.arrayContaining(known[layer]));
  });

  it.each(files.map((f) => [path.relative(ROOT, f), f]))(
    'keeps %s within its boundary',
    (_name, file) => {
      const breaches = importedModules(fs.readFileSync(file, 'utf8'))
        .map((specifier) => ({ specifier, why: boundaryBreach(layer, file, specifier) }))
        .filter((b) => b.why !== undefined);
      expect(breaches).toEqual([]);
    },
  );
});

describe('the domain in cases/', () => {
  // lodash.debounce: one function, no dependencies (the outbox's kick after a burst).
  const tinyLibraries = ['zod', 'lodash.debounce'];
  it('imports nothing but zod, lodash.debounce, node: built-ins and its own files', () => {
    const outside = filesOf('cases').flatMap((file) =>
      importedModules(fs.readFileSync(file, 'utf8')).filter(
        (s) => !s.startsWith('./') && !s.startsWith('node:') && !tinyLibraries.includes(s),
      ),
    );
    expect(outside).toEqual([]);
  });
});

describe('the boundary check itself', () => {
  const fileIn = (layer: Layer) => path.join(ROOT, layer, 'some-file.ts');
  const check = (layer: Layer, line: string) => {
    const [specifier] = importedModules(line);
    expect(specifier).toBeDefined();
    return boundaryBreach(layer, fileIn(layer), specifier ?? '');
  };

  it.each<[Layer, string]>([
    ['cases', "import { TurnContext } from 'botbuilder';"],
    ['cases', "import { DialogSet } from 'botbuilder-dialogs';"],
    ['cases', "import type { Server } from 'restify';"],
    ['cases', "import { MongoClient } from 'mongodb';"],
    ['cases', "import Database from 'better-sqlite3';"],
    ['cases', "import nodemailer from 'nodemailer';"],
    ['cases', "import * as AC from 'adaptivecards';"],
    ['cases', "import { Template } from 'adaptivecards-templating';"],
    ['cases', "import pino from 'pino';"],
    ['cases', "import { openStores } from '../storage';"],
    ['cases', "import type { Stores } from '../storage/index';"],
    ['cases', "import { sendCredentials } from '../mail/send-credentials';"],
    ['cases', "import { approvalCard } from '../cards/approval-card';"],
    ['cases', "import { IntakeDialog } from '../dialogs/intake-dialog';"],
    ['cases', "import { startApp } from '../bot/app';"],
    ['cases', "export { openStores } from '../storage';"],
    ['cases', "const restify = require('restify');"],
    ['cases', "const pinoLogger = await import('pino');"],
    ['cards', "import { CardFactory } from 'botbuilder';"],
    ['cards', "import type { CaseAction } from '../bot/approval-invoke';"],
    ['cards', "import { openStores } from '../storage';"],
    ['cards', "import { credentialsMail } from '../mail/credentials-mail';"],
    ['cards', "import { say } from '../dialogs/turn-language';"],
    ['dialogs', "import { openStores } from '../storage';"],
    ['dialogs', "import type { MongoStorage } from '../storage/mongo/mongo-storage';"],
    ['dialogs', "import { routes } from '../bot/routes';"],
    ['dialogs', "export type { RouteDeps } from '../bot/routes';"],
    ['dialogs', "import { Dialog } from 'botbuilder-dialogs';"],
    ['dialogs', "import { MessageFactory } from 'botbuilder';"],
    ['dialogs', "import type { TurnContext } from 'botbuilder';"],
    ['dialogs', "import { SmtpSecureMailer } from '../mail/smtp-secure-mailer';"],
    ['cards', "import { MongoClient } from 'mongodb';"],
  ])('catches in %s/: %s', (layer, line) => {
    expect(check(layer, line)).toBeDefined();
  });

  it.each<[Layer, string]>([
    ['cases', "import { z } from 'zod';"],
    ['cases', "import { createHmac } from 'node:crypto';"],
    ['cases', "import type { Case } from './case';"],
    ['cards', "import type { Case } from '../cases/case';"],
    ['cards', "import { text, type Language } from '../texts';"],
    ['cards', "import type { CardAction } from './card-actions';"],
    ['dialogs', "import { summaryCard } from '../cards/summary-card';"],
    ['dialogs', "import { z } from 'zod';"],
    ['dialogs', "import { fileCase } from '../cases/file-case';"],
  ])('lets through in %s/: %s', (layer, line) => {
    expect(check(layer, line)).toBeUndefined();
  });

  it('finds every import of a multi-line import list', () => {
    const source =
      "import {\n  a,\n  b,\n} from '../storage';\nimport type {\n  C,\n} from 'pino';";
    expect(importedModules(source)).toEqual(['../storage', 'pino']);
  });
});
