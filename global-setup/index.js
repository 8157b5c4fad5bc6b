// `globalSetup: 'jest-eventbridge/global-setup'` (the preset sets it): shares one run id among the
// workers and, with `sweep: true`, removes earlier runs' leftovers before the tests start.
module.exports = require('../dist/jest/globalSetup.js').default;
