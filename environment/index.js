// `testEnvironment: 'jest-eventbridge/environment'`. Jest loads environments with require.
module.exports = require('../dist/environment/EventBridgeEnvironment.js').default;
