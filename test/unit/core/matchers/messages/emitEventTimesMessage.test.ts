import { emitEventTimesCheck } from '../../../../../src/core/matchers/checks/emitEventTimesCheck';
import { emitEventTimesMessage } from '../../../../../src/core/matchers/messages/emitEventTimesMessage';
import { arrivals, compiled, contextFor, envelope } from '../checkTestSupport';

describe('emitEventTimesMessage', () => {
  const expectation = compiled({ 'detail-type': 'A' });
  const events = arrivals(envelope({ 'detail-type': 'A' }), envelope({ 'detail-type': 'B' }), envelope({ 'detail-type': 'A' }));
  const arrived = [
    'Events that arrived (3):',
    '  1. +0.00 s  shop.orders  A  {}',
    '  2. +0.10 s  shop.orders  B  {}',
    '  3. +0.20 s  shop.orders  A  {}',
  ];

  it('with too many, says it stopped waiting and which events matched', () => {
    expect(emitEventTimesMessage(emitEventTimesCheck(expectation, 1, events), contextFor(events))).toBe(
      [
        'HINT',
        '',
        'Expected exactly 1 event matching: <{"detail-type":"A"}>',
        'But 2 events matched (events 1, 3): more than 1, so it stopped waiting.',
        'Decided after 0.25 s on bus "orders"; 3 events had arrived by then.',
        '',
        ...arrived,
      ].join('\n'),
    );
  });

  it('with too few, looks for the nearest candidate among the events that did not match', () => {
    const typed = compiled({ 'detail-type': 'A', detail: { orderId: '1' } });
    const some = arrivals(
      envelope({ 'detail-type': 'B', detail: { orderId: '1' } }),
      envelope({ 'detail-type': 'A', detail: { orderId: '1' } }),
    );
    const message = emitEventTimesMessage(emitEventTimesCheck(typed, 2, some), contextFor(some, { waitedMs: 1000, timedOut: true }));
    expect(message).toBe(
      [
        'HINT',
        '',
        'Expected exactly 2 events matching: <{"detail-type":"A","detail":{"orderId":"1"}}>',
        'But 1 event matched (event 2).',
        'Waited 1.00 s on bus "orders"; 2 events arrived in that window.',
        '',
        'Nearest candidate (event 1):',
        '  [{"detail-type":"B","detail":{"orderId":"1"}}]',
        '',
        'Events that arrived (2):',
        '  1. +0.00 s  shop.orders  B  {"orderId":"1"}',
        '  2. +0.10 s  shop.orders  A  {"orderId":"1"}',
      ].join('\n'),
    );
  });

  it('with too few, numbers the nearest candidate by its place in the list of arrivals', () => {
    const typed = compiled({ 'detail-type': 'A', detail: { orderId: '1' } });
    const some = arrivals(
      envelope({ 'detail-type': 'A', detail: { orderId: '1' } }),
      envelope({ 'detail-type': 'B', detail: { orderId: '1' } }),
    );
    const message = emitEventTimesMessage(emitEventTimesCheck(typed, 2, some), contextFor(some, { waitedMs: 1000, timedOut: true }));
    expect(message).toBe(
      [
        'HINT',
        '',
        'Expected exactly 2 events matching: <{"detail-type":"A","detail":{"orderId":"1"}}>',
        'But 1 event matched (event 1).',
        'Waited 1.00 s on bus "orders"; 2 events arrived in that window.',
        '',
        'Nearest candidate (event 2):',
        '  [{"detail-type":"B","detail":{"orderId":"1"}}]',
        '',
        'Events that arrived (2):',
        '  1. +0.00 s  shop.orders  A  {"orderId":"1"}',
        '  2. +0.10 s  shop.orders  B  {"orderId":"1"}',
      ].join('\n'),
    );
  });

  it('under .not, says exactly n matched', () => {
    const result = emitEventTimesCheck(expectation, 2, events);
    expect(emitEventTimesMessage(result, contextFor(events, { waitedMs: 1000, timedOut: true }))).toBe(
      [
        'HINT',
        '',
        'Expected a number of events other than 2 matching: <{"detail-type":"A"}>',
        'But exactly 2 events matched (events 1, 3).',
        'Waited 1.00 s on bus "orders"; 3 events arrived in that window.',
        '',
        ...arrived,
      ].join('\n'),
    );
  });
});
