// `setupFilesAfterEnv: ['jest-eventbridge/matchers']`: registers the matchers on Jest's expect.
require('../dist/jest/setupMatchers.js');
