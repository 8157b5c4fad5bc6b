// The CommonJS spec on the embedded emulator: `emulator: true` and nothing else. The preset's
// global setup starts the emulator, creates the bus and points the workers at it; no endpoint,
// region or credentials come from outside.
const shared = require('./jest.shared.cjs');

/** @type {import('jest').Config} */
module.exports = {
  ...shared,
  testEnvironmentOptions: { eventBridge: { ...shared.testEnvironmentOptions.eventBridge, emulator: true } },
  testMatch: ['<rootDir>/*.spec.cjs'],
};
