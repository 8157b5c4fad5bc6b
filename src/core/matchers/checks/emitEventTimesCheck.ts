import type { CompiledExpectation } from '../../expectations/expectation';
import { subjectOf, type CapturedEvent } from '../../store/eventStore';
import type { CheckResult } from '../matcherDefinition';

/** What toEmitEventTimes' message reports. */
export interface EmitEventTimesData {
  readonly expectation: CompiledExpectation;
  readonly times: number;
  /** The positions (from 0) of the matching events among the events checked. */
  readonly matching: readonly number[];
}

/**
 * "Exactly n events matching X arrive". One too many is final (fails the matcher, passes
 * `.not`); reaching n is not, since another could still come: only the end of the window can
 * confirm exactly n.
 */
export function emitEventTimesCheck(
  expectation: CompiledExpectation,
  times: number,
  events: readonly CapturedEvent[],
): CheckResult<EmitEventTimesData> {
  const matching: number[] = [];
  events.forEach((captured, index) => {
    if (expectation.test(subjectOf(captured))) matching.push(index);
  });
  return { pass: matching.length === times, final: matching.length > times, data: { expectation, times, matching } };
}
