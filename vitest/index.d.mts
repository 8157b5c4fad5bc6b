// Types of `jest-eventbridge/vitest` for Vitest 5: the matchers on Vitest's `expect`
// (Assertion<R, T>), and the `eventBridge` global. Vitest 4 declares Assertion<T = any>, and one
// declaration cannot merge with both: on Vitest 4, list 'jest-eventbridge/vitest/v4' instead.
// An ES module's types (.d.mts), so that `declare module 'vitest'` reaches the ESM types specs
// import, not Vitest's CommonJS ones. Not on AsymmetricMatchersContaining: an asynchronous
// matcher cannot be asymmetric.
import type { EventBridgeMatchers } from '../dist/core/matchers/index.js';
import type { EventBridge } from '../dist/handle/EventBridgeHandle.js';

declare global {
  // The global the setup file sets in each test file.
  var eventBridge: EventBridge;
}

declare module 'vitest' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type, @typescript-eslint/no-unused-vars
  interface Assertion<R, T> extends EventBridgeMatchers {}
}

export {};
