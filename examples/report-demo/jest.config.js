// The demo's Jest configuration (../jest.config.js) with the event reporter and one failing
// spec beside the tutorial's: the run `node tools/report-demo.mjs` makes for the README's
// screenshot of the event report. `npm run demo` does not read this file, and its testMatch
// (`*.spec.ts`) does not pick up the failing spec, whose name ends in `.failing.ts`.
const demo = require('../jest.config.js');

/** @type {import('jest').Config} */
module.exports = {
  ...demo,
  testMatch: ['<rootDir>/orders.spec.ts', '<rootDir>/report-demo/*.failing.ts'],
  // The report goes to examples/eventbridge-report/ (outputDir is relative to rootDir, examples/).
  reporters: ['default', 'jest-eventbridge/reporter'],
};
