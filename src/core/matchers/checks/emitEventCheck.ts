import type { CompiledExpectation } from '../../expectations/expectation';
import type { CapturedEvent } from '../../store/eventStore';
import type { Progress } from '../../store/waitForVerdict';

/**
 * "An event matching X arrives". Settles as soon as one matches: that passes `toEmitEvent` and,
 * just as early, fails `.not.toEmitEvent`. With no match it waits out the window, so `.not`
 * can pass only after the whole window.
 */
export function emitEventCheck(expectation: CompiledExpectation): {
  progress: (events: readonly CapturedEvent[]) => Progress;
  atDeadline: () => boolean;
} {
  return {
    progress: (events) => (events.some((captured) => expectation.test(captured.event)) ? 'pass' : 'pending'),
    atDeadline: () => false,
  };
}

export function firstMatch(expectation: CompiledExpectation, events: readonly CapturedEvent[]): CapturedEvent | undefined {
  return events.find((captured) => expectation.test(captured.event));
}
