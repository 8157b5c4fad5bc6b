// `preset: 'jest-eventbridge'`: the environment and the matchers in one line. testTimeout is
// raised because a matcher waits up to its timeout (10 s by default) for events to arrive. The
// global setup gives all workers one run id, starts the `emulator: true` emulator and runs the
// `sweep: true` option; the global teardown stops the emulator.
module.exports = {
  testEnvironment: require.resolve('./environment/index.js'),
  setupFilesAfterEnv: [require.resolve('./matchers/index.js')],
  globalSetup: require.resolve('./global-setup/index.js'),
  globalTeardown: require.resolve('./global-teardown/index.js'),
  testTimeout: 30000,
};
