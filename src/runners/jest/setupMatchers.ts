import { matchers } from './jestMatchers';
import './matcherTypes';
// Brings the `expect` package's types into the build, which matcherTypes.ts augments. Here, not
// in matcherTypes.ts: the package's public declarations must not import `expect`, which a
// Vitest project does not have.
import type {} from 'expect';

/**
 * `setupFilesAfterEnv: ['jest-eventbridge/matchers']`: registers the matchers in the test
 * sandbox, where Jest's `expect` lives.
 */
interface Extendable {
  extend(matchers: Record<string, unknown>): void;
}

const globalExpect = (globalThis as { expect?: Extendable }).expect;
if (!globalExpect) {
  throw new Error(
    "jest-eventbridge/matchers must be loaded by Jest, from setupFilesAfterEnv (or use preset: 'jest-eventbridge'). With injectGlobals: false, call expect.extend(matchers) yourself with `import { matchers } from 'jest-eventbridge'`.",
  );
}
globalExpect.extend(matchers);
