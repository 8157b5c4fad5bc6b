import { emitEventsCheck } from '../../../../../src/core/matchers/checks/emitEventsCheck';
import { arrivals, compiled, envelope } from '../checkTestSupport';

describe('emitEventsCheck', () => {
  describe('in any order', () => {
    it('finds an assignment where taking the first match for each expectation in turn finds none', () => {
      // The loose expectation matches both events; the specific one only the first. Greedy
      // (the loose one takes event 1) would leave the specific one without an event.
      const loose = compiled({ source: 'shop.orders' });
      const specific = compiled({ 'detail-type': 'A' });
      const events = arrivals(
        envelope({ source: 'shop.orders', 'detail-type': 'A' }),
        envelope({ source: 'shop.orders', 'detail-type': 'B' }),
      );
      expect(emitEventsCheck([loose, specific], false, events)).toEqual({
        pass: true,
        final: true,
        data: { expectations: [loose, specific], ordered: false, assignment: [1, 0], firstMissing: -1, outOfOrder: -1 },
      });
    });

    it('uses each event once', () => {
      const a = compiled({ 'detail-type': 'A' });
      const events = arrivals(envelope({ 'detail-type': 'A' }), envelope({ 'detail-type': 'B' }));
      expect(emitEventsCheck([a, a], false, events)).toEqual({
        pass: false,
        final: false,
        data: { expectations: [a, a], ordered: false, assignment: [0, undefined], firstMissing: 1, outOfOrder: -1 },
      });
    });
  });

  describe('in order', () => {
    it('orders by event time, then arrival', () => {
      const [a, b, c] = ['A', 'B', 'C'].map((type) => compiled({ 'detail-type': type }));
      const events = arrivals(
        envelope({ 'detail-type': 'B', time: '2026-11-23T10:00:05Z' }),
        envelope({ 'detail-type': 'A', time: '2026-11-23T10:00:01Z' }),
        envelope({ 'detail-type': 'C', time: '2026-11-23T10:00:05Z' }),
      );
      expect(emitEventsCheck([a!, b!, c!], true, events).data.assignment).toEqual([1, 0, 2]);
      expect(emitEventsCheck([a!, c!, b!], true, events)).toMatchObject({
        pass: false,
        final: false,
        data: { assignment: [1, 2, undefined], firstMissing: 2, outOfOrder: 0 },
      });
    });

    it('names no out-of-order event when none matches the missing expectation', () => {
      const [a, z] = ['A', 'Z'].map((type) => compiled({ 'detail-type': type }));
      const events = arrivals(envelope({ 'detail-type': 'A' }));
      expect(emitEventsCheck([a!, z!], true, events).data).toMatchObject({ assignment: [0, undefined], firstMissing: 1, outOfOrder: -1 });
    });
  });
});
