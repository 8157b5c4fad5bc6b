// Types of `jest-eventbridge/vitest` for Vitest 4 (Vitest 4 declares Assertion<T = any>, Vitest 5
// Assertion<R, T>, and one declaration cannot merge with both). Add 'jest-eventbridge/vitest/v4'
// to compilerOptions.types; the setup file stays 'jest-eventbridge/vitest'.
import type { EventBridgeMatchers } from '../../dist/core/matchers/index.js';
import type { EventBridge } from '../../dist/handle/EventBridgeHandle.js';

declare global {
  // The global the setup file sets in each test file.
  var eventBridge: EventBridge;
}

declare module 'vitest' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type, @typescript-eslint/no-unused-vars, @typescript-eslint/no-explicit-any
  interface Assertion<T = any> extends EventBridgeMatchers {}
}

export {};
