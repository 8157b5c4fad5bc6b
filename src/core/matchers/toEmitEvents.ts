import type { MatcherFunction } from 'expect';
import { emitEventsCheck } from './checks/emitEventsCheck';
import type { EventExpectation } from '../expectations/expectation';
import { emitEventsMessage } from './messages/emitEventsMessage';
import { captureOf, expectationOf, hintFor, messageContext, optionsOf, waitOn, type WaitingMatcherOptions } from './matcherSupport';

export interface EmitEventsOptions extends WaitingMatcherOptions {
  /** Require the events in this order, by EventBridge's `time`, then arrival. @default false */
  ordered?: boolean;
}

/**
 * `await expect(eventBridge).toEmitEvents([a, b], { ordered, timeout })`: a distinct event for
 * each expectation arrives (in order when `ordered`).
 */
export const toEmitEvents: MatcherFunction<[expected: readonly EventExpectation[], options?: EmitEventsOptions]> = async function (
  received,
  expected,
  options,
) {
  const hint = hintFor(this, 'toEmitEvents', 'expected', options === undefined ? '' : ', options');
  const view = captureOf(this, received, hint);
  if (!Array.isArray(expected) || expected.length === 0) {
    throw new Error(
      this.utils.matcherErrorMessage(
        hint,
        `${this.utils.EXPECTED_COLOR('expected')} value must be a non-empty array of expectations`,
        this.utils.printWithType('Expected', expected, this.utils.printExpected),
      ),
    );
  }
  const expectations = expected.map((value: unknown, index: number) => expectationOf(this, value, hint, `expected[${index}]`));
  const { timeoutMs, values } = optionsOf(this, options, hint, view, ['ordered'] as const);
  if (values.ordered !== undefined && typeof values.ordered !== 'boolean') {
    throw new Error(
      this.utils.matcherErrorMessage(
        hint,
        'options.ordered must be true or false',
        this.utils.printWithType('ordered', values.ordered, this.utils.printReceived),
      ),
    );
  }
  const ordered = values.ordered === true;
  const waited = await waitOn(view, timeoutMs, emitEventsCheck(expectations, ordered), {
    name: 'toEmitEvents',
    isNot: this.isNot === true,
  });
  return {
    pass: waited.verdict.pass,
    message: () => emitEventsMessage(expectations, ordered, waited.verdict, messageContext(this, view, hint, waited)),
  };
};
