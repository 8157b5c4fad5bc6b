// `testEnvironment: 'jest-eventbridge/environment'`. Jest loads environments with require.
// Under Vitest, one clear error instead of a capture that never starts.
const problem = require('../dist/runners/vitest/runnerGuard.js').jestEntryProblem('jest-eventbridge/environment', process.env);
if (problem !== undefined) throw new Error(problem);
module.exports = require('../dist/runners/jest/EventBridgeEnvironment.js').default;
