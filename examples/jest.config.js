// Jest configuration of the demo (`npm run demo`), written the way a service's own test suite
// would configure jest-eventbridge. `emulator: true` runs everything on the embedded emulator, and
// `local` runs the example order service there from its SAM template: its TypeScript handler,
// invoked locally whenever its rule matches an event on the bus. Without `local` (and with the
// stack deployed), the same spec runs against AWS.
/** @type {import('jest').Config} */
module.exports = {
  rootDir: __dirname,
  testEnvironment: 'jest-eventbridge/environment',
  setupFilesAfterEnv: ['jest-eventbridge/matchers'],
  // Ours: one emulator for the run, and the service's local flows on it, started before the
  // first test file and stopped after the last.
  globalSetup: 'jest-eventbridge/global-setup',
  globalTeardown: 'jest-eventbridge/global-teardown',
  // As the preset sets: a test that awaits a whole window (toEmitEventTimes, .not) and then
  // another outlasts Jest's default 5 s on a busy machine.
  testTimeout: 30000,
  testEnvironmentOptions: {
    eventBridge: {
      eventBusName: 'orders',
      emulator: true,
      local: { template: './order-service/template.yaml', parameters: { Stage: 'demo' } },
      // The order service copies this field onto every event it emits, so each test waits only
      // for the events its own puts caused.
      correlation: { path: 'detail.metadata.correlationId' },
    },
  },
  testMatch: ['<rootDir>/**/*.spec.ts'],
  transform: {
    // Transpile only: type checking is `npm run typecheck`.
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/../tsconfig.test.json' }],
  },
};
