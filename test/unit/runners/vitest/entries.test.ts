/**
 * The Vitest entry points' `require` condition: Jest (or any CommonJS loader) gets one error
 * naming the Jest setup, instead of Vitest's own "cannot be imported in a CommonJS module".
 */
import { createRequire } from 'node:module';

// The entry files as Node loads them, outside Jest's module registry and transform.
const load = (path: string): unknown => createRequire(__filename)(path);

describe('the Vitest entries loaded with require()', () => {
  it('jest-eventbridge/vitest names the Jest setup', () => {
    expect(() => load('../../../../vitest/index.cjs')).toThrow(
      "jest-eventbridge: jest-eventbridge/vitest is an ES module for Vitest's test.setupFiles, and it was loaded with require() (from Jest?). Under Jest, use preset: 'jest-eventbridge' (or testEnvironment: 'jest-eventbridge/environment' with setupFilesAfterEnv: ['jest-eventbridge/matchers']).",
    );
  });

  it("jest-eventbridge/vitest/global-setup names Jest's global setup", () => {
    expect(() => load('../../../../vitest/global-setup/index.cjs')).toThrow(
      "jest-eventbridge: jest-eventbridge/vitest/global-setup is an ES module for Vitest's test.globalSetup, and it was loaded with require() (from Jest?). Under Jest, use globalSetup: 'jest-eventbridge/global-setup' (the preset sets it).",
    );
  });
});
