import type { EventBridge } from '../../handle/EventBridgeHandle';
import type { EventBridgeMatchers } from '../../core/matchers';

export type { EventBridgeMatchers };

/*
 * The matchers' types (each declared in its own file under src/core/matchers/), merged into both
 * Jest's global `expect` (the `jest` namespace) and the `expect` package behind `@jest/globals`.
 */
declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace jest {
    // eslint-disable-next-line @typescript-eslint/no-empty-object-type, @typescript-eslint/no-unused-vars
    interface Matchers<R, T = {}> extends EventBridgeMatchers {}
  }
  // The global set up by the environment.
  var eventBridge: EventBridge;
}

declare module 'expect' {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars, @typescript-eslint/no-empty-object-type
  interface Matchers<R extends void | Promise<void>, T = unknown> extends EventBridgeMatchers {}
}
