import { equals, iterableEquality, subsetEquality } from '@jest/expect-utils';
import { compileExpectation, type CompiledExpectation, type EventExpectation } from '../../../../src/core/expectations/expectation';
import type { EventBridgeEvent } from '../../../../src/core/events/envelope';
import type { MessageContext } from '../../../../src/core/matchers/messages/messageContext';
import type { Printer } from '../../../../src/core/matchers/messages/printer';
import type { CapturedEvent } from '../../../../src/core/store/eventStore';

export { envelope } from '../../support/fakeCapture';

/** An expectation compiled with Jest's own subset equality, as a matcher compiles it. */
export function compiled(expectation: EventExpectation): CompiledExpectation {
  return compileExpectation(expectation, (received, expected) => equals(received, expected, [iterableEquality, subsetEquality]));
}

/** Events as the store holds them: arrival order from 1, arriving 100 ms apart from 0. */
export function arrivals(...events: EventBridgeEvent[]): CapturedEvent[] {
  return events.map((event, index) => ({ event, sequence: index + 1, arrivedAt: index * 100 }));
}

/** Prints values as JSON, without colours, and has no diff: messages' own wording stays visible. */
export const plainPrinter: Printer = {
  expected: (value) => `<${JSON.stringify(value)}>`,
  received: (value) => `[${JSON.stringify(value)}]`,
  diff: () => null,
};

/** A message context for `events`, decided early after 250 ms unless told otherwise. */
export function contextFor(events: readonly CapturedEvent[], overrides: Partial<MessageContext> = {}): MessageContext {
  return {
    hint: 'HINT',
    where: 'bus "orders"',
    events,
    waitedMs: 250,
    timedOut: false,
    startedAt: 0,
    consumerError: undefined,
    printer: plainPrinter,
    ...overrides,
  };
}
