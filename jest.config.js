/** Unit, protocol and restart tests; every network peer listens on 127.0.0.1. */
module.exports = {
  preset: 'ts-jest',
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  testTimeout: 30000,
  maxWorkers: 2,
  globalSetup: '<rootDir>/test/support/nodeVersion.js'
};
