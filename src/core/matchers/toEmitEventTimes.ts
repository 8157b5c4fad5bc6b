import { emitEventTimesCheck } from './checks/emitEventTimesCheck';
import type { EventExpectation, LooseDetail } from '../expectations/expectation';
import { defineMatcher } from './matcherDefinition';
import type { WaitingMatcherOptions } from './matcherSupport';
import { emitEventTimesMessage } from './messages/emitEventTimesMessage';

/** How specs call it (the typings Jest's `expect` gets). */
export interface ToEmitEventTimesTyping {
  /** Exactly `times` events matching `expected` arrive within the timeout. */
  toEmitEventTimes<Detail = LooseDetail>(expected: EventExpectation<Detail>, times: number, options?: WaitingMatcherOptions): Promise<void>;
}

/**
 * `await expect(eventBridge).toEmitEventTimes(expected, n, { timeout })`: exactly n matching
 * events arrive. Fails as soon as there are more than n; otherwise waits the whole window.
 */
export const toEmitEventTimes = defineMatcher<
  [expected: EventExpectation, times: number, options?: WaitingMatcherOptions],
  ToEmitEventTimesTyping
>()({
  name: 'toEmitEventTimes',
  parameters: ['expected', 'times'],
  prepare([expected, times, options], read) {
    const expectation = read.expectation(expected);
    if (typeof times !== 'number' || !Number.isInteger(times) || times < 0) {
      throw read.error(
        'times must be a whole number of events, 0 or more',
        read.utils.printWithType('times', times, (value) => read.utils.printExpected(value)),
      );
    }
    return { input: { expectation, times }, timeoutMs: read.options(options).timeoutMs };
  },
  check: ({ expectation, times }, events) => emitEventTimesCheck(expectation, times, events),
  message: emitEventTimesMessage,
});
