import type { CompiledExpectation } from '../../expectations/expectation';
import { subjectOf, type CapturedEvent } from '../../store/eventStore';
import type { CheckResult } from '../matcherDefinition';

/** What toEmitEvent's message reports. */
export interface EmitEventData {
  readonly expectation: CompiledExpectation;
  /** The first matching event and its position (from 0) among the events checked, if any. */
  readonly match: { readonly captured: CapturedEvent; readonly index: number } | undefined;
}

/**
 * "An event matching X arrives". Final as soon as one matches: that passes `toEmitEvent` and,
 * just as early, fails `.not.toEmitEvent`. With no match it waits out the window, so `.not`
 * can pass only after the whole window.
 */
export function emitEventCheck(expectation: CompiledExpectation, events: readonly CapturedEvent[]): CheckResult<EmitEventData> {
  const index = events.findIndex((captured) => expectation.test(subjectOf(captured)));
  const captured = events[index];
  const match = captured === undefined ? undefined : { captured, index };
  return { pass: match !== undefined, final: match !== undefined, data: { expectation, match } };
}
