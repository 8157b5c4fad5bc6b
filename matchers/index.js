// `setupFilesAfterEnv: ['jest-eventbridge/matchers']`: registers the matchers on Jest's expect.
require('../dist/runners/jest/setupMatchers.js');
