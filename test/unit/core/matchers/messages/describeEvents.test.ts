import {
  LISTED_EVENTS,
  describeArrivals,
  describeWindow,
  eventLine,
  seconds,
} from '../../../../../src/core/matchers/messages/describeEvents';
import type { CapturedEvent } from '../../../../../src/core/store/eventStore';
import { arrivals, envelope } from '../checkTestSupport';

describe('describeEvents', () => {
  describe('seconds', () => {
    it('prints milliseconds as seconds with two decimals', () => {
      expect(seconds(0)).toBe('0.00 s');
      expect(seconds(1234)).toBe('1.23 s');
      expect(seconds(60_000)).toBe('60.00 s');
    });
  });

  describe('eventLine', () => {
    const captured: CapturedEvent = {
      event: envelope({ source: 'shop.billing', 'detail-type': 'InvoiceSent', detail: { invoiceId: 'i-1' } }),
      sequence: 4,
      arrivedAt: 2500,
    };

    it('numbers the event from its index, with its offset from the start, source, detail-type and detail', () => {
      expect(eventLine(captured, 0, 1000)).toBe('  1. +1.50 s  shop.billing  InvoiceSent  {"invoiceId":"i-1"}');
      expect(eventLine(captured, 6, 2500)).toBe('  7. +0.00 s  shop.billing  InvoiceSent  {"invoiceId":"i-1"}');
    });

    it('shows what a mirrored target received in place of the detail, after an arrow', () => {
      expect(eventLine({ ...captured, delivered: { orderId: 'o-1', total: 42 } }, 0, 1000)).toBe(
        '  1. +1.50 s  shop.billing  InvoiceSent  → {"orderId":"o-1","total":42}',
      );
      expect(eventLine({ ...captured, delivered: 'Invoice i-1 sent' }, 0, 1000)).toBe(
        '  1. +1.50 s  shop.billing  InvoiceSent  → "Invoice i-1 sent"',
      );
    });

    it('gives events that arrived before the start a negative offset', () => {
      expect(eventLine(captured, 1, 3750)).toBe('  2. -1.25 s  shop.billing  InvoiceSent  {"invoiceId":"i-1"}');
    });

    it('cuts lines longer than 160 characters to 159 and an ellipsis', () => {
      const long: CapturedEvent = { event: envelope({ detail: { note: 'x'.repeat(200) } }), sequence: 1, arrivedAt: 0 };
      const line = eventLine(long, 0, 0);
      const full = `  1. +0.00 s  shop.orders  OrderPlaced  {"note":"${'x'.repeat(200)}"}`;
      expect(line).toBe(`${full.slice(0, 159)}…`);
      expect(line).toHaveLength(160);
    });

    it('keeps a line of exactly 160 characters whole', () => {
      const prefix = '  1. +0.00 s  shop.orders  OrderPlaced  {"note":"';
      const note = 'y'.repeat(160 - prefix.length - 2);
      const exact: CapturedEvent = { event: envelope({ detail: { note } }), sequence: 1, arrivedAt: 0 };
      expect(eventLine(exact, 0, 0)).toBe(`${prefix}${note}"}`);
      expect(eventLine(exact, 0, 0)).toHaveLength(160);
    });
  });

  describe('describeArrivals', () => {
    it('says so when no events arrived', () => {
      expect(describeArrivals([], 0)).toBe('No events arrived.');
    });

    it('lists one event', () => {
      expect(describeArrivals(arrivals(envelope({ 'detail-type': 'A' })), 0)).toBe(
        ['Events that arrived (1):', '  1. +0.00 s  shop.orders  A  {}'].join('\n'),
      );
    });

    it('lists every event up to the limit of ten', () => {
      expect(LISTED_EVENTS).toBe(10);
      const ten = arrivals(...Array.from({ length: 10 }, (_, i) => envelope({ 'detail-type': `E${i + 1}` })));
      expect(describeArrivals(ten, 0)).toBe(
        [
          'Events that arrived (10):',
          '  1. +0.00 s  shop.orders  E1  {}',
          '  2. +0.10 s  shop.orders  E2  {}',
          '  3. +0.20 s  shop.orders  E3  {}',
          '  4. +0.30 s  shop.orders  E4  {}',
          '  5. +0.40 s  shop.orders  E5  {}',
          '  6. +0.50 s  shop.orders  E6  {}',
          '  7. +0.60 s  shop.orders  E7  {}',
          '  8. +0.70 s  shop.orders  E8  {}',
          '  9. +0.80 s  shop.orders  E9  {}',
          '  10. +0.90 s  shop.orders  E10  {}',
        ].join('\n'),
      );
    });

    it('lists the first ten of many and says how many more, with offsets from the start', () => {
      const twelve = arrivals(...Array.from({ length: 12 }, (_, i) => envelope({ 'detail-type': `E${i + 1}` })));
      expect(describeArrivals(twelve, 300)).toBe(
        [
          'Events that arrived (12):',
          '  1. -0.30 s  shop.orders  E1  {}',
          '  2. -0.20 s  shop.orders  E2  {}',
          '  3. -0.10 s  shop.orders  E3  {}',
          '  4. +0.00 s  shop.orders  E4  {}',
          '  5. +0.10 s  shop.orders  E5  {}',
          '  6. +0.20 s  shop.orders  E6  {}',
          '  7. +0.30 s  shop.orders  E7  {}',
          '  8. +0.40 s  shop.orders  E8  {}',
          '  9. +0.50 s  shop.orders  E9  {}',
          '  10. +0.60 s  shop.orders  E10  {}',
          '  … and 2 more (read eventBridge.events for all of them)',
        ].join('\n'),
      );
    });
  });

  describe('describeWindow', () => {
    const where = 'bus "orders" via queue jeb-test';

    it('after a timeout, says how long it waited and how many arrived', () => {
      expect(describeWindow(2000, true, [], where)).toBe(
        'Waited 2.00 s on bus "orders" via queue jeb-test; 0 events arrived in that window.',
      );
      expect(describeWindow(2000, true, arrivals(envelope()), where)).toBe(
        'Waited 2.00 s on bus "orders" via queue jeb-test; 1 event arrived in that window.',
      );
      expect(describeWindow(1505, true, arrivals(envelope(), envelope()), where)).toBe(
        'Waited 1.50 s on bus "orders" via queue jeb-test; 2 events arrived in that window.',
      );
    });

    it('when decided early, says when and how many had arrived by then', () => {
      expect(describeWindow(250, false, [], where)).toBe(
        'Decided after 0.25 s on bus "orders" via queue jeb-test; 0 events had arrived by then.',
      );
      expect(describeWindow(250, false, arrivals(envelope()), where)).toBe(
        'Decided after 0.25 s on bus "orders" via queue jeb-test; 1 event had arrived by then.',
      );
      expect(describeWindow(0, false, arrivals(envelope(), envelope(), envelope()), where)).toBe(
        'Decided after 0.00 s on bus "orders" via queue jeb-test; 3 events had arrived by then.',
      );
    });
  });
});
