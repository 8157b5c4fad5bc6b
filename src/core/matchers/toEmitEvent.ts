import { emitEventCheck } from './checks/emitEventCheck';
import type { EventExpectation, LooseDetail } from '../expectations/expectation';
import { defineMatcher } from './matcherDefinition';
import type { WaitingMatcherOptions } from './matcherSupport';
import { emitEventMessage } from './messages/emitEventMessage';

/** How specs call it (the typings Jest's `expect` gets). */
export interface ToEmitEventTyping {
  /**
   * An event matching `expected` arrives within the timeout. `Detail` types a predicate's
   * `event.detail`: `toEmitEvent<OrderConfirmed>((event) => event.detail.total > 0)`.
   */
  toEmitEvent<Detail = LooseDetail>(expected: EventExpectation<Detail>, options?: WaitingMatcherOptions): Promise<void>;
}

/**
 * `await expect(eventBridge).toEmitEvent(expected, { timeout })`: an event matching `expected`
 * arrives within the timeout. `.not` fails on the first match and passes only after the window.
 */
export const toEmitEvent = defineMatcher<[expected: EventExpectation, options?: WaitingMatcherOptions], ToEmitEventTyping>()({
  name: 'toEmitEvent',
  parameters: ['expected'],
  prepare([expected, options], read) {
    const expectation = read.expectation(expected);
    return { input: expectation, timeoutMs: read.options(options).timeoutMs };
  },
  check: emitEventCheck,
  message: emitEventMessage,
});
