import { emitEventsCheck } from './checks/emitEventsCheck';
import type { EventExpectation, LooseDetail } from '../expectations/expectation';
import { defineMatcher } from './matcherDefinition';
import type { WaitingMatcherOptions } from './matcherSupport';
import { emitEventsMessage } from './messages/emitEventsMessage';

export interface EmitEventsOptions extends WaitingMatcherOptions {
  /** Require the events in this order, by EventBridge's `time`, then arrival. @default false */
  ordered?: boolean;
}

/** How specs call it (the typings Jest's `expect` gets). */
export interface ToEmitEventsTyping {
  /** A distinct event for each expectation arrives (in order with `ordered: true`). */
  toEmitEvents<Detail = LooseDetail>(expected: readonly EventExpectation<Detail>[], options?: EmitEventsOptions): Promise<void>;
}

/**
 * `await expect(eventBridge).toEmitEvents([a, b], { ordered, timeout })`: a distinct event for
 * each expectation arrives (in order when `ordered`).
 */
export const toEmitEvents = defineMatcher<[expected: readonly EventExpectation[], options?: EmitEventsOptions], ToEmitEventsTyping>()({
  name: 'toEmitEvents',
  parameters: ['expected'],
  prepare([expected, options], read) {
    if (!Array.isArray(expected) || expected.length === 0) {
      throw read.error(
        `${read.utils.EXPECTED_COLOR('expected')} value must be a non-empty array of expectations`,
        read.utils.printWithType('Expected', expected, (value) => read.utils.printExpected(value)),
      );
    }
    const expectations = expected.map((value: unknown, index: number) => read.expectation(value, `expected[${index}]`));
    const { timeoutMs, values } = read.options(options, ['ordered'] as const);
    if (values.ordered !== undefined && typeof values.ordered !== 'boolean') {
      throw read.error(
        'options.ordered must be true or false',
        read.utils.printWithType('ordered', values.ordered, (value) => read.utils.printReceived(value)),
      );
    }
    return { input: { expectations, ordered: values.ordered === true }, timeoutMs };
  },
  check: ({ expectations, ordered }, events) => emitEventsCheck(expectations, ordered, events),
  message: emitEventsMessage,
});
