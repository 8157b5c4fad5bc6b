// The repository's own test configuration (not the preset users get: that is jest-preset.js).
// Type checking is `npm run typecheck`; with isolatedModules (tsconfig.test.json) ts-jest only
// transpiles, so a run stays quick.
const transform = { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json' }] };

/** @type {import('jest').Config} */
module.exports = {
  // Several workers even on a 2-core machine: the integration suite proves that parallel
  // files on one bus stay isolated, and its files mostly wait on the network.
  maxWorkers: 3,
  // As the preset sets for users: matchers wait for events, and `.not` and toEmitEventTimes wait
  // their whole window.
  testTimeout: 30000,
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      testMatch: ['<rootDir>/test/unit/**/*.test.ts'],
      transform,
    },
    {
      // Against a real EventBridge/SQS emulator: the global setup starts the embedded emulator
      // (moto) on a free port (or uses JEST_EVENTBRIDGE_TEST_ENDPOINT) and stops it afterwards.
      displayName: 'integration',
      testEnvironment: 'node',
      testMatch: ['<rootDir>/test/integration/**/*.test.ts'],
      globalSetup: '<rootDir>/test/integration/globalSetup.ts',
      globalTeardown: '<rootDir>/test/integration/globalTeardown.ts',
      // The built package, as users load it (npm test builds first).
      setupFilesAfterEnv: ['jest-eventbridge/matchers'],
      transform,
    },
    {
      // The packed tarball in fresh consumer projects (Jest 30 and 29, CommonJS, ESM, types).
      displayName: 'e2e',
      testEnvironment: 'node',
      testMatch: ['<rootDir>/test/e2e/**/*.test.ts'],
      transform,
    },
    {
      // The event report page (issue 17) in headless Chromium: Debian's `chromium` package, or
      // CHROMIUM_PATH (see test/browser/chromium.ts); without one these tests fail and say how
      // to install it.
      displayName: 'browser',
      testEnvironment: 'node',
      testMatch: ['<rootDir>/test/browser/**/*.test.ts'],
      transform,
    },
  ],
};
