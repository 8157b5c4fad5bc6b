import type { MatcherFunction } from 'expect';
import { emitEventTimesCheck } from './checks/emitEventTimesCheck';
import type { EventExpectation } from '../expectations/expectation';
import { emitEventTimesMessage } from './messages/emitEventTimesMessage';
import { captureOf, expectationOf, hintFor, messageContext, optionsOf, waitOn, type WaitingMatcherOptions } from './matcherSupport';

/**
 * `await expect(eventBridge).toEmitEventTimes(expected, n, { timeout })`: exactly n matching
 * events arrive. Fails as soon as there are more than n; otherwise waits the whole window.
 */
export const toEmitEventTimes: MatcherFunction<[expected: EventExpectation, times: number, options?: WaitingMatcherOptions]> =
  async function (received, expected, times, options) {
    const hint = hintFor(this, 'toEmitEventTimes', 'expected', `, times${options === undefined ? '' : ', options'}`);
    const view = captureOf(this, received, hint);
    const expectation = expectationOf(this, expected, hint);
    if (typeof times !== 'number' || !Number.isInteger(times) || times < 0) {
      throw new Error(
        this.utils.matcherErrorMessage(
          hint,
          'times must be a whole number of events, 0 or more',
          this.utils.printWithType('times', times, this.utils.printExpected),
        ),
      );
    }
    const { timeoutMs } = optionsOf(this, options, hint, view);
    const waited = await waitOn(view, timeoutMs, emitEventTimesCheck(expectation, times), {
      name: 'toEmitEventTimes',
      isNot: this.isNot === true,
    });
    return {
      pass: waited.verdict.pass,
      message: () => emitEventTimesMessage(expectation, times, waited.verdict, messageContext(this, view, hint, waited)),
    };
  };
