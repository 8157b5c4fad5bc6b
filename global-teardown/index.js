// `globalTeardown: 'jest-eventbridge/global-teardown'` (the preset sets it): stops the embedded
// emulator that `emulator: true` started. Does nothing otherwise.
module.exports = require('../dist/runners/jest/globalTeardown.js').default;
