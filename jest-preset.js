// `preset: 'jest-eventbridge'`: the environment and the matchers in one line. testTimeout is
// raised because a matcher waits up to its timeout (10 s by default) for events to arrive. The
// global setup gives all workers one run id and runs the `sweep: true` option.
module.exports = {
  testEnvironment: require.resolve('./environment/index.js'),
  setupFilesAfterEnv: [require.resolve('./matchers/index.js')],
  globalSetup: require.resolve('./global-setup/index.js'),
  testTimeout: 30000,
};
