import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { MongoClient } from 'mongodb';
import { openStores, type StorageChoice } from '../../storage';

/** A place to keep test data that can be opened, closed and opened again. */
export interface TestBackend {
  name: 'sqlite' | 'mongodb';
  /** A fresh, empty location for one test. */
  fresh(): StorageChoice;
  /** Removes every location this backend made. */
  cleanup(): Promise<void>;
}

const mongodbUri = process.env.MONGODB_URI;

function sqliteBackend(): TestBackend {
  const dirs: string[] = [];
  return {
    name: 'sqlite',
    fresh() {
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'unilogin-test-'));
      dirs.push(dataDir);
      return { dataDir };
    },
    async cleanup() {
      for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

function mongoBackend(uri: string): TestBackend {
  const databases: string[] = [];
  const dirs: string[] = [];
  return {
    name: 'mongodb',
    fresh() {
      const mongodbDatabase = `test_${randomBytes(6).toString('hex')}`;
      databases.push(mongodbDatabase);
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'unilogin-test-'));
      dirs.push(dataDir);
      return { mongodbUri: uri, mongodbDatabase, dataDir };
    },
    async cleanup() {
      const client = await MongoClient.connect(uri);
      for (const name of databases) await client.db(name).dropDatabase();
      await client.close();
      for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * The backends a storage test runs on: SQLite always, MongoDB when MONGODB_URI is set.
 * In CI (CI=true) a missing MONGODB_URI is an error, never a silent skip.
 */
export function testBackends(): TestBackend[] {
  if (mongodbUri) return [sqliteBackend(), mongoBackend(mongodbUri)];
  if (process.env.CI === 'true') {
    throw new Error('CI=true but MONGODB_URI is not set: the MongoDB suite must run in CI');
  }
  console.warn('MongoDB suite skipped: MONGODB_URI is not set (set it to run against MongoDB)');
  return [sqliteBackend()];
}

/** Runs `define` once per backend, in a describe block named after the backend. */
export function describeEachBackend(title: string, define: (backend: TestBackend) => void): void {
  for (const backend of testBackends()) {
    describe(`${title} [${backend.name}]`, () => {
      afterAll(() => backend.cleanup());
      define(backend);
    });
  }
}

export { openStores };
