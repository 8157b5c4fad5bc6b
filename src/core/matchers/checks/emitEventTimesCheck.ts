import type { CompiledExpectation } from '../../expectations/expectation';
import type { CapturedEvent } from '../../store/eventStore';
import type { Progress } from '../../store/waitForVerdict';

export function countMatches(expectation: CompiledExpectation, events: readonly CapturedEvent[]): number {
  let count = 0;
  for (const captured of events) if (expectation.test(captured.event)) count += 1;
  return count;
}

/**
 * "Exactly n events matching X arrive". One too many decides at once (fails the matcher, passes
 * `.not`); reaching n decides nothing, since another could still come: only the end of the
 * window can confirm exactly n.
 */
export function emitEventTimesCheck(
  expectation: CompiledExpectation,
  times: number,
): { progress: (events: readonly CapturedEvent[]) => Progress; atDeadline: (events: readonly CapturedEvent[]) => boolean } {
  return {
    progress: (events) => (countMatches(expectation, events) > times ? 'fail' : 'pending'),
    atDeadline: (events) => countMatches(expectation, events) === times,
  };
}
