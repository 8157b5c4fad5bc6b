// What a user of jest-eventbridge writes in their Jest config, shared by the CommonJS and the
// ESM run. Endpoint, region and credentials come from the AWS SDK's environment variables, which
// the e2e test sets to point at the emulator.
/** @type {import('jest').Config} */
module.exports = {
  rootDir: __dirname,
  preset: 'jest-eventbridge',
  testEnvironmentOptions: {
    eventBridge: {
      eventBusName: 'orders',
      correlation: { path: 'detail.metadata.correlationId' },
    },
  },
};
