// The CommonJS spec on the embedded emulator: `emulator: true`, and local flows of the service's
// template. The preset's global setup starts the emulator, creates the bus, points the workers at
// it and runs the service's handler; no endpoint, region or credentials come from outside.
const shared = require('./jest.shared.cjs');

/** @type {import('jest').Config} */
module.exports = {
  ...shared,
  testEnvironmentOptions: {
    eventBridge: { ...shared.testEnvironmentOptions.eventBridge, emulator: true, local: { template: './service/template.yaml' } },
  },
  testMatch: ['<rootDir>/orders.spec.cjs', '<rootDir>/local.spec.cjs'],
};
