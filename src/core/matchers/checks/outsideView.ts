import type { HiddenReason, EventView } from '../../scopes/testScopes';
import { subjectOf, type CapturedEvent } from '../../store/eventStore';

/** A matching event the scope did not count, and why. */
export interface OutsideEvent {
  readonly captured: CapturedEvent;
  readonly reason: HiddenReason;
}

/**
 * The events up to arrival position `upTo` that match `test` but are outside `view`: what a
 * failure message reports as "arrived, but not counted". Pure; the message phrases it.
 */
export function matchingOutsideView(
  test: (subject: unknown) => boolean,
  events: readonly CapturedEvent[],
  view: Pick<EventView, 'whyHidden'>,
  upTo: number,
): OutsideEvent[] {
  const outside: OutsideEvent[] = [];
  for (const captured of events) {
    if (captured.sequence > upTo) break;
    const reason = view.whyHidden(captured);
    if (reason !== undefined && test(subjectOf(captured))) outside.push({ captured, reason });
  }
  return outside;
}
