// Vitest loads global setup files as ES modules; a require() of this entry comes from elsewhere (Jest).
throw new Error(
  "jest-eventbridge: jest-eventbridge/vitest/global-setup is an ES module for Vitest's test.globalSetup, and it was loaded with require() (from Jest?). Under Jest, use globalSetup: 'jest-eventbridge/global-setup' (the preset sets it).",
);
