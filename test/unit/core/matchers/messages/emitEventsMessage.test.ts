import { emitEventsCheck } from '../../../../../src/core/matchers/checks/emitEventsCheck';
import { emitEventsMessage } from '../../../../../src/core/matchers/messages/emitEventsMessage';
import { arrivals, compiled, contextFor, envelope } from '../checkTestSupport';

describe('emitEventsMessage', () => {
  it('in any order, reports the assignment a greedy choice would miss', () => {
    const loose = compiled({ source: 'shop.orders' });
    const specific = compiled({ 'detail-type': 'A' });
    const events = arrivals(envelope({ 'detail-type': 'A' }), envelope({ 'detail-type': 'B' }));
    expect(emitEventsMessage(emitEventsCheck([loose, specific], false, events), contextFor(events))).toBe(
      [
        'HINT',
        '',
        'Expected the events not all to arrive, each by a different event:',
        '  1. <{"source":"shop.orders"}> — matched by event 2',
        '  2. <{"detail-type":"A"}> — matched by event 1',
        'But all 2 arrived.',
        'Decided after 0.25 s on bus "orders"; 2 events had arrived by then.',
        '',
        'Events that arrived (2):',
        '  1. +0.00 s  shop.orders  A  {}',
        '  2. +0.10 s  shop.orders  B  {}',
      ].join('\n'),
    );
  });

  it('in order, names the event that matched too early', () => {
    const [b, a] = ['B', 'A'].map((type) => compiled({ 'detail-type': type }));
    const events = arrivals(
      envelope({ 'detail-type': 'A', time: '2026-11-23T10:00:01Z' }),
      envelope({ 'detail-type': 'B', time: '2026-11-23T10:00:02Z' }),
    );
    expect(emitEventsMessage(emitEventsCheck([b!, a!], true, events), contextFor(events, { waitedMs: 1000, timedOut: true }))).toBe(
      [
        'HINT',
        '',
        'Expected events matching, in this order (by event time, then arrival):',
        '  1. <{"detail-type":"B"}> — matched by event 2',
        '  2. <{"detail-type":"A"}> — not matched',
        'Matched 1 of 2.',
        'Waited 1.00 s on bus "orders"; 2 events arrived in that window.',
        '',
        'For expectation 2: event 1 matches it, but not after the events matched before it (by event time, then arrival).',
        '',
        'Events that arrived (2):',
        '  1. +0.00 s  shop.orders  A  {}',
        '  2. +0.10 s  shop.orders  B  {}',
      ].join('\n'),
    );
  });

  it('in any order, reports the first expectation left without an event, with what was not counted', () => {
    const [a, c] = ['A', 'C'].map((type) => compiled({ 'detail-type': type, source: 'shop.orders' }));
    const events = arrivals(envelope({ 'detail-type': 'A' }));
    const context = contextFor(events, {
      waitedMs: 1000,
      timedOut: true,
      outsideView: (expectation) => (expectation === c ? ['', 'Not counted:', '  1 matching event arrived while another test ran.'] : []),
    });
    expect(emitEventsMessage(emitEventsCheck([a!, c!], false, events), context)).toBe(
      [
        'HINT',
        '',
        'Expected events matching, each by a different event:',
        '  1. <{"detail-type":"A","source":"shop.orders"}> — matched by event 1',
        '  2. <{"detail-type":"C","source":"shop.orders"}> — not matched',
        'Matched 1 of 2.',
        'Waited 1.00 s on bus "orders"; 1 event arrived in that window.',
        '',
        'Not counted:',
        '  1 matching event arrived while another test ran.',
        '',
        'For expectation 2: Nearest candidate (event 1):',
        '  [{"detail-type":"A","source":"shop.orders"}]',
        '',
        'Events that arrived (1):',
        '  1. +0.00 s  shop.orders  A  {}',
      ].join('\n'),
    );
  });
});
