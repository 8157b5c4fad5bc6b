// Vitest loads setup files as ES modules; a require() of this entry comes from elsewhere (Jest).
throw new Error(
  "jest-eventbridge: jest-eventbridge/vitest is an ES module for Vitest's test.setupFiles, and it was loaded with require() (from Jest?). Under Jest, use preset: 'jest-eventbridge' (or testEnvironment: 'jest-eventbridge/environment' with setupFilesAfterEnv: ['jest-eventbridge/matchers']).",
);
