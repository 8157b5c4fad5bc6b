import type { EventExpectation, LooseDetail } from '../../core/expectations/expectation';
import type { EventBridge } from '../../handle/EventBridgeHandle';
import type { EmitEventsOptions, WaitingMatcherOptions } from '../../core/matchers';

/**
 * The matchers' types, merged into both Jest's global `expect` (the `jest` namespace) and the
 * `expect` package behind `@jest/globals`. They wait, so each returns a promise to await.
 */
export interface EventBridgeMatchers {
  /**
   * An event matching `expected` arrives within the timeout. `Detail` types a predicate's
   * `event.detail`: `toEmitEvent<OrderConfirmed>((event) => event.detail.total > 0)`.
   */
  toEmitEvent<Detail = LooseDetail>(expected: EventExpectation<Detail>, options?: WaitingMatcherOptions): Promise<void>;
  /** Exactly `times` events matching `expected` arrive within the timeout. */
  toEmitEventTimes<Detail = LooseDetail>(expected: EventExpectation<Detail>, times: number, options?: WaitingMatcherOptions): Promise<void>;
  /** A distinct event for each expectation arrives (in order with `ordered: true`). */
  toEmitEvents<Detail = LooseDetail>(expected: readonly EventExpectation<Detail>[], options?: EmitEventsOptions): Promise<void>;
}

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
