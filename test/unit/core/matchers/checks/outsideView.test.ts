import { matchingOutsideView } from '../../../../../src/core/matchers/checks/outsideView';
import type { EventBridgeEvent } from '../../../../../src/core/events/envelope';
import type { HiddenReason } from '../../../../../src/core/scopes/testScopes';
import type { CapturedEvent } from '../../../../../src/core/store/eventStore';
import { arrivals, envelope } from '../checkTestSupport';

describe('matchingOutsideView', () => {
  const isA = (subject: unknown): boolean => (subject as EventBridgeEvent)['detail-type'] === 'A';
  const cleared: HiddenReason = { kind: 'cleared', clearedTime: 500 };
  /** A view that hides the events whose arrival position is listed, for `reason`. */
  const hiding = (sequences: readonly number[], reason: HiddenReason = cleared) => ({
    whyHidden: (captured: CapturedEvent) => (sequences.includes(captured.sequence) ? reason : undefined),
  });

  it('finds nothing when no events arrived', () => {
    expect(matchingOutsideView(isA, [], hiding([1]), 10)).toEqual([]);
  });

  it('reports one hidden matching event with the reason the view gives', () => {
    const events = arrivals(envelope({ 'detail-type': 'A' }));
    const reason: HiddenReason = { kind: 'other-correlation', correlationId: 'jeb-1', owner: 'test "b"' };
    expect(matchingOutsideView(isA, events, hiding([1], reason), 1)).toEqual([{ captured: events[0], reason }]);
  });

  it('leaves out visible events and hidden events that do not match, keeping arrival order', () => {
    const events = arrivals(
      envelope({ 'detail-type': 'A' }), // 1: hidden, matches
      envelope({ 'detail-type': 'B' }), // 2: hidden, does not match
      envelope({ 'detail-type': 'A' }), // 3: visible
      envelope({ 'detail-type': 'A' }), // 4: hidden, matches
    );
    expect(matchingOutsideView(isA, events, hiding([1, 2, 4]), 4)).toEqual([
      { captured: events[0], reason: cleared },
      { captured: events[3], reason: cleared },
    ]);
  });

  it('stops at arrival position upTo, which is included', () => {
    const events = arrivals(envelope({ 'detail-type': 'A' }), envelope({ 'detail-type': 'A' }), envelope({ 'detail-type': 'A' }));
    expect(matchingOutsideView(isA, events, hiding([1, 2, 3]), 2)).toEqual([
      { captured: events[0], reason: cleared },
      { captured: events[1], reason: cleared },
    ]);
    expect(matchingOutsideView(isA, events, hiding([1, 2, 3]), 0)).toEqual([]);
  });

  it('asks the test only about hidden events', () => {
    const events = arrivals(envelope({ 'detail-type': 'A' }), envelope({ 'detail-type': 'A' }));
    const tested: string[] = [];
    const spy = (subject: unknown): boolean => {
      tested.push((subject as EventBridgeEvent).id);
      return true;
    };
    expect(matchingOutsideView(spy, events, hiding([2]), 2)).toEqual([{ captured: events[1], reason: cleared }]);
    expect(tested).toEqual([events[1]!.event.id]);
  });
});
