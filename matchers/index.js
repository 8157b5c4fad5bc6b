// `setupFilesAfterEnv: ['jest-eventbridge/matchers']`: registers the matchers on Jest's expect.
// Under Vitest, one clear error instead of a capture that never starts.
const problem = require('../dist/runners/vitest/runnerGuard.js').jestEntryProblem('jest-eventbridge/matchers', process.env);
if (problem !== undefined) throw new Error(problem);
require('../dist/runners/jest/setupMatchers.js');
