const fs = require('node:fs');
const path = require('node:path');

/**
 * A test file is an integration test when it runs something real beside jest: a bot process,
 * the app on an HTTP port, the SMTP server, a TCP proxy or a child process. Everything else
 * (domain, cards, dialog machines, storage on SQLite) is a unit test: `npm run test:unit`.
 */
const REAL_SERVERS =
  /\bstart(ApprovalWorld|ProcessWorld|BotProcess|TestApp|SmtpServer|TcpProxy|App)\(|node:child_process|\.listen\(/;

function testFiles(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return testFiles(file);
    return entry.name.endsWith('.test.ts') ? [file] : [];
  });
}

const integrationFiles = testFiles(path.join(__dirname, 'test')).filter((file) =>
  REAL_SERVERS.test(fs.readFileSync(file, 'utf8')),
);

const project = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  // Type-checking is its own step (`npm run typecheck`); tsconfig's isolatedModules makes
  // ts-jest transpile each file alone.
  transform: { '^.+\\.ts$': 'ts-jest' },
};

/** @type {import('jest').Config} */
module.exports = {
  projects: [
    {
      ...project,
      displayName: 'unit',
      testMatch: ['**/*.test.ts'],
      testPathIgnorePatterns: integrationFiles.map((file) => `^${file.replace(/[.]/g, '\\.')}$`),
    },
    { ...project, displayName: 'integration', testMatch: integrationFiles },
  ],
  // Most integration suites wait on sockets, child processes and timers rather than compute:
  // on two cores, four workers keep both busy while the fault suites wait out their outages.
  maxWorkers: 4,
  testSequencer: '<rootDir>/test/support/slow-first-sequencer.js',
  reporters: ['default', '<rootDir>/test/support/mongo-count-reporter.js'],
  testTimeout: 30000,
};
