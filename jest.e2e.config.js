/** End-to-end tests: the bot and two Agents Playgrounds driven in headless Chromium. */
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test/e2e'],
  testMatch: ['**/*.e2e.ts'],
  transform: { '^.+\\.ts$': 'ts-jest' },
  testTimeout: 600000,
  maxWorkers: 1,
};
