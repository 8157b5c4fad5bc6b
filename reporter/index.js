// `reporters: ['default', 'jest-eventbridge/reporter']`: writes the event report (report.json and
// a self-contained report.html) of each run to `outputDir` (default eventbridge-report/).
module.exports = require('../dist/runners/jest/reporter.js').default;
