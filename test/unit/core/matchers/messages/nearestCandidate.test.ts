import { eventPattern } from '../../../../../src/core/expectations/eventPattern';
import { describeNearest, nearestCandidate } from '../../../../../src/core/matchers/messages/nearestCandidate';
import type { Printer } from '../../../../../src/core/matchers/messages/printer';
import { arrivals, compiled, envelope, plainPrinter } from '../checkTestSupport';

describe('describeNearest', () => {
  const expectation = compiled({ 'detail-type': 'OrderPlaced', detail: { orderId: '1', total: 100 } });

  it('finds none among no events', () => {
    expect(describeNearest(expectation, [], plainPrinter)).toBeUndefined();
  });

  it('finds none when no event comes close at all', () => {
    const far = arrivals(envelope({ 'detail-type': 'Other', detail: { unrelated: true } }));
    expect(describeNearest(expectation, far, plainPrinter)).toBeUndefined();
  });

  it('finds none for a predicate, whose closeness has no meaning', () => {
    const predicate = compiled(() => false);
    expect(describeNearest(predicate, arrivals(envelope()), plainPrinter)).toBeUndefined();
  });

  it('with one event, prints its fields the expectation names when the printer has no diff', () => {
    const one = arrivals(envelope({ 'detail-type': 'OrderPlaced', detail: { orderId: '1', total: 80, note: 'x' } }));
    expect(describeNearest(expectation, one, plainPrinter)).toBe(
      ['Nearest candidate (event 1):', '  [{"detail-type":"OrderPlaced","detail":{"orderId":"1","total":80}}]'].join('\n'),
    );
  });

  it('with many, picks the closest and numbers it by its place in the list', () => {
    const many = arrivals(
      envelope({ 'detail-type': 'OrderPlaced', detail: { orderId: '2', total: 80 } }),
      envelope({ 'detail-type': 'OrderPlaced', detail: { orderId: '1', total: 80 } }),
      envelope({ 'detail-type': 'Other', detail: {} }),
    );
    expect(describeNearest(expectation, many, plainPrinter)).toBe(
      ['Nearest candidate (event 2):', '  [{"detail-type":"OrderPlaced","detail":{"orderId":"1","total":80}}]'].join('\n'),
    );
  });

  it('on a tie, picks the later event', () => {
    const tied = arrivals(
      envelope({ 'detail-type': 'OrderPlaced', detail: { orderId: '1', total: 70 } }),
      envelope({ 'detail-type': 'OrderPlaced', detail: { orderId: '1', total: 80 } }),
      envelope({ 'detail-type': 'Other', detail: {} }),
    );
    expect(describeNearest(expectation, tied, plainPrinter)).toBe(
      ['Nearest candidate (event 2):', '  [{"detail-type":"OrderPlaced","detail":{"orderId":"1","total":80}}]'].join('\n'),
    );
  });

  it('passes over the positions it is told to skip, numbering the rest by their place in the whole list', () => {
    const events = arrivals(
      envelope({ 'detail-type': 'OrderPlaced', detail: { orderId: '1', total: 100 } }),
      envelope({ 'detail-type': 'OrderPlaced', detail: { orderId: '1', total: 80 } }),
      envelope({ 'detail-type': 'OrderPlaced', detail: { orderId: '1', total: 100 } }),
    );
    expect(describeNearest(expectation, events, plainPrinter, new Set([0, 2]))).toBe(
      ['Nearest candidate (event 2):', '  [{"detail-type":"OrderPlaced","detail":{"orderId":"1","total":80}}]'].join('\n'),
    );
    expect(describeNearest(expectation, events, plainPrinter, new Set([0, 1, 2]))).toBeUndefined();
  });

  it("prints the printer's diff of expected and the projected event when it has one", () => {
    const calls: unknown[][] = [];
    const diffing: Printer = {
      ...plainPrinter,
      diff: (expected, received) => {
        calls.push([expected, received]);
        return '- Expected\n+ Received\n  (diff)';
      },
    };
    const one = arrivals(envelope({ 'detail-type': 'OrderPlaced', detail: { orderId: '1', total: 80 } }));
    expect(describeNearest(expectation, one, diffing)).toBe(
      ['Nearest candidate (event 1):', '- Expected', '+ Received', '  (diff)'].join('\n'),
    );
    expect(calls).toEqual([
      [
        { 'detail-type': 'OrderPlaced', detail: { orderId: '1', total: 100 } },
        { 'detail-type': 'OrderPlaced', detail: { orderId: '1', total: 80 } },
      ],
    ]);
  });

  it('for a pattern, lists each failed condition of the closest event', () => {
    const pattern = compiled(
      eventPattern({ 'detail-type': ['OrderPlaced'], detail: { total: [{ numeric: ['>', 100] }], orderId: ['1'] } }),
    );
    const events = arrivals(
      envelope({ 'detail-type': 'Other', detail: { total: 50, orderId: '2' } }),
      envelope({ 'detail-type': 'OrderPlaced', detail: { total: 80, orderId: '2' } }),
    );
    expect(describeNearest(pattern, events, plainPrinter)).toBe(
      ['Nearest candidate (event 2):', '  detail.total: 80 is not > 100', '  detail.orderId: "2" is not "1"'].join('\n'),
    );
  });

  it('says whether its reasons are a diff (printed as it is) or conditions (one each): the event report draws them so', () => {
    const diffing: Printer = { ...plainPrinter, diff: () => '- Expected\n+ Received' };
    const one = arrivals(envelope({ 'detail-type': 'OrderPlaced', detail: { orderId: '1', total: 80 } }));
    expect(nearestCandidate(expectation, one, diffing)).toMatchObject({ index: 0, reasons: ['- Expected', '+ Received'], format: 'diff' });
    expect(nearestCandidate(expectation, one, plainPrinter)?.format).toBe('reasons');
    const pattern = compiled(eventPattern({ 'detail-type': ['OrderPlaced'], detail: { total: [{ numeric: ['>', 100] }] } }));
    expect(nearestCandidate(pattern, one, diffing)).toMatchObject({ reasons: ['detail.total: 80 is not > 100'], format: 'reasons' });
  });
});
