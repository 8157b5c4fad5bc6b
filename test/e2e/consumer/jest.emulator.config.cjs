// The CommonJS spec on the embedded emulator: `emulator: true`, and local flows of the service's
// template. The preset's global setup starts the emulator, creates the bus, points the workers at
// it and runs the service's handler; no endpoint, region or credentials come from outside. The
// event reporter, as the README configures it, writes eventbridge-report/ (report.json and
// report.html), which the e2e test reads back.
const shared = require('./jest.shared.cjs');

/** @type {import('jest').Config} */
module.exports = {
  ...shared,
  reporters: ['default', 'jest-eventbridge/reporter'],
  testEnvironmentOptions: {
    eventBridge: { ...shared.testEnvironmentOptions.eventBridge, emulator: true, local: { template: './service/template.yaml' } },
  },
  testMatch: ['<rootDir>/orders.spec.cjs', '<rootDir>/local.spec.cjs'],
};
