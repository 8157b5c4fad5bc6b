// Jest configuration of the demo (`npm run demo`), written the way a service's own test suite
// would configure jest-eventbridge. `emulator: true` runs everything on the embedded emulator; the
// demo's global setup calls ours and then starts the example order service on that emulator,
// standing in for a deployed service.
/** @type {import('jest').Config} */
module.exports = {
  rootDir: __dirname,
  testEnvironment: 'jest-eventbridge/environment',
  testEnvironmentOptions: {
    eventBridge: {
      eventBusName: 'orders',
      emulator: true,
      // The order service copies this field onto every event it emits, so each test waits only
      // for the events its own puts caused.
      correlation: { path: 'detail.metadata.correlationId' },
    },
  },
  setupFilesAfterEnv: ['jest-eventbridge/matchers'],
  // As the preset sets: a test that awaits a whole window (toEmitEventTimes, .not) and then
  // another outlasts Jest's default 5 s on a busy machine.
  testTimeout: 30000,
  testMatch: ['<rootDir>/**/*.spec.ts'],
  transform: {
    // Transpile only: type checking is `npm run typecheck`.
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/../tsconfig.test.json' }],
  },
  globalSetup: '<rootDir>/demo/globalSetup.ts',
  globalTeardown: '<rootDir>/demo/globalTeardown.ts',
};
