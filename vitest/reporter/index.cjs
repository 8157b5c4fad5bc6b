// `test.reporters: ['default', 'jest-eventbridge/vitest/reporter']` (see index.mjs).
module.exports = require('../../dist/runners/vitest/reporter.js').default;
