// Types of `jest-eventbridge/vitest`: the matchers on Vitest's `expect`, and the `eventBridge`
// global. Vitest 5's Assertion<R, T>; Vitest 4 reads the global `jest.Matchers` (its
// JestAssertion extends it), so both majors see the matchers (on 4, with skipLibCheck: true,
// the default of Vitest's templates; with skipLibCheck: false, use 'jest-eventbridge/vitest/v4').
// Not on AsymmetricMatchersContaining: an asynchronous matcher cannot be asymmetric.
import type { EventBridgeMatchers } from '../dist/core/matchers';
import type { EventBridge } from '../dist/handle/EventBridgeHandle';

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace jest {
    // eslint-disable-next-line @typescript-eslint/no-empty-object-type, @typescript-eslint/no-unused-vars
    interface Matchers<R, T = {}> extends EventBridgeMatchers {}
  }
  // The global the setup file sets in each test file.
  var eventBridge: EventBridge;
}

declare module 'vitest' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type, @typescript-eslint/no-unused-vars
  interface Assertion<R, T> extends EventBridgeMatchers {}
}

export {};
