// `globalSetup: 'jest-eventbridge/global-setup'` (the preset sets it): shares one run id among the
// workers; with `emulator: true`, starts the embedded emulator for the run and creates the bus;
// with `sweep: true`, removes earlier runs' leftovers before the tests start.
module.exports = require('../dist/runners/jest/globalSetup.js').default;
