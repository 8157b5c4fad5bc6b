// `testEnvironment: 'jest-eventbridge/environment'`. Jest loads environments with require.
module.exports = require('../dist/runners/jest/EventBridgeEnvironment.js').default;
