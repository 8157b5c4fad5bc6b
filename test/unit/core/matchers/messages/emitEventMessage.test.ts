import { emitEventCheck } from '../../../../../src/core/matchers/checks/emitEventCheck';
import { emitEventMessage } from '../../../../../src/core/matchers/messages/emitEventMessage';
import { arrivals, compiled, contextFor, envelope } from '../checkTestSupport';

describe('emitEventMessage', () => {
  it('under .not, names the event that matched, from the check’s data', () => {
    const expectation = compiled({ 'detail-type': 'OrderRejected' });
    const events = arrivals(
      envelope({ 'detail-type': 'OrderPlaced' }),
      envelope({ 'detail-type': 'OrderRejected', detail: { orderId: '7' } }),
    );
    const result = emitEventCheck(expectation, events);
    expect(emitEventMessage(result, contextFor(events, { waitedMs: 100 }))).toBe(
      [
        'HINT',
        '',
        'Expected no event matching: <{"detail-type":"OrderRejected"}>',
        'But event 2 matched:',
        '  2. +0.10 s  shop.orders  OrderRejected  {"orderId":"7"}',
        `[${JSON.stringify(events[1]!.event)}]`,
        'Decided after 0.10 s on bus "orders"; 2 events had arrived by then.',
        '',
        'Events that arrived (2):',
        '  1. +0.00 s  shop.orders  OrderPlaced  {}',
        '  2. +0.10 s  shop.orders  OrderRejected  {"orderId":"7"}',
      ].join('\n'),
    );
  });

  it('on a miss, says nothing matched, quotes the consumer error, what was not counted and the nearest candidate', () => {
    const expectation = compiled({ source: 'shop.billing', detail: { total: 100 } });
    const events = arrivals(envelope({ source: 'shop.billing', detail: { total: 80 } }));
    const result = emitEventCheck(expectation, events);
    const context = contextFor(events, {
      waitedMs: 2000,
      timedOut: true,
      consumerError: 'AccessDenied',
      outsideView: () => ['', 'Not counted:', '  1 matching event arrived before this test began.'],
    });
    expect(emitEventMessage(result, context)).toBe(
      [
        'HINT',
        '',
        'Expected an event matching: <{"source":"shop.billing","detail":{"total":100}}>',
        'Waited 2.00 s on bus "orders"; 1 event arrived in that window. None matched.',
        'The capture consumer is failing to receive: AccessDenied',
        '',
        'Not counted:',
        '  1 matching event arrived before this test began.',
        '',
        'Nearest candidate (event 1):',
        '  [{"source":"shop.billing","detail":{"total":80}}]',
        '',
        'Events that arrived (1):',
        '  1. +0.00 s  shop.billing  OrderPlaced  {"total":80}',
      ].join('\n'),
    );
  });
});
