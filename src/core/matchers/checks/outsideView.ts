import type { HiddenReason, EventView } from '../../scopes/testScopes';
import type { EventBridgeEvent } from '../../events/envelope';
import type { CapturedEvent } from '../../store/eventStore';

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
  test: (event: EventBridgeEvent) => boolean,
  events: readonly CapturedEvent[],
  view: Pick<EventView, 'whyHidden'>,
  upTo: number,
): OutsideEvent[] {
  const outside: OutsideEvent[] = [];
  for (const captured of events) {
    if (captured.sequence > upTo) break;
    const reason = view.whyHidden(captured);
    if (reason !== undefined && test(captured.event)) outside.push({ captured, reason });
  }
  return outside;
}
