// The demo's Jest configuration (../jest.config.js) with the event reporter and one failing
// spec beside the tutorial's: the run `node tools/report-demo.mjs` makes for the README's
// screenshot of the event report. `npm run demo` does not read this file, and its testMatch
// (`*.spec.ts`) does not pick up the failing spec, whose name ends in `.failing.ts`.
const demo = require('../jest.config.js');

/** @type {import('jest').Config} */
module.exports = {
  ...demo,
  testEnvironmentOptions: {
    // One capture per file: with the worker's shared capture, the second file a worker ran lost
    // some of its events in our runs (reported as a bug), which a screenshot must not show.
    eventBridge: { ...demo.testEnvironmentOptions.eventBridge, captureScope: 'file' },
  },
  testMatch: ['<rootDir>/orders.spec.ts', '<rootDir>/report-demo/*.failing.ts'],
  // The report goes to examples/eventbridge-report/ (outputDir is relative to rootDir, examples/).
  reporters: ['default', 'jest-eventbridge/reporter'],
};
