// The repository's own test configuration (not the preset users get: that is jest-preset.js).
// Type checking is `npm run typecheck`; ts-jest only transpiles here, so a run stays quick.
const transform = { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json', isolatedModules: true }] };

/** @type {import('jest').Config} */
module.exports = {
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      testMatch: ['<rootDir>/test/unit/**/*.test.ts'],
      transform,
    },
  ],
};
