import { batchEntries, entrySize, MAX_REQUEST_BYTES, toRequestEntry } from '../../../../src/core/events/putEntries';

const message = (run: () => unknown): string => {
  try {
    run();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected a throw');
};

describe('toRequestEntry', () => {
  it('serialises detail and fills in the bus', () => {
    expect(
      toRequestEntry({ source: 'shop.orders', detailType: 'OrderPlaced', detail: { id: 1 }, resources: ['arn:x'] }, 0, 'orders'),
    ).toEqual({
      Source: 'shop.orders',
      DetailType: 'OrderPlaced',
      Detail: '{"id":1}',
      EventBusName: 'orders',
      Resources: ['arn:x'],
    });
  });

  it('accepts JSON text, no detail, a Date or an ISO time, and another bus', () => {
    const entry = toRequestEntry({ source: 's', detailType: 't', time: '2026-11-23T10:00:00Z', eventBusName: 'other' }, 0, 'orders');
    expect(entry).toMatchObject({ Detail: '{}', EventBusName: 'other', Time: new Date('2026-11-23T10:00:00Z') });
    expect(toRequestEntry({ source: 's', detailType: 't', detail: '{"a":1}' }, 0, 'orders').Detail).toBe('{"a":1}');
  });

  it.each([
    [null, 'put(): entry 3 must be an object like { source, detailType, detail }, got null.'],
    [{ detailType: 't' }, 'put(): entry 3 needs a "source" string, e.g. "shop.orders".'],
    [{ source: 's' }, 'put(): entry 3 needs a "detailType" string, e.g. "OrderPlaced".'],
    [
      { source: 's', 'detail-type': 't' },
      'put(): entry 3 has unknown key(s) "detail-type" (write detailType); known keys: source, detailType, detail, resources, time, eventBusName, traceHeader.',
    ],
    [{ source: 's', detailType: 't', detail: '[1]' }, 'put(): entry 3 "detail" is a string but not a JSON object; pass an object instead.'],
    [{ source: 's', detailType: 't', detail: [1] }, 'put(): entry 3 "detail" must be an object, got an array.'],

    [{ source: 's', detailType: 't', resources: 'arn' }, 'put(): entry 3 "resources" must be an array of ARN strings.'],
    [
      { source: 's', detailType: 't', time: 'yesterday' },
      'put(): entry 3 "time" "yesterday" is not an RFC 3339 timestamp: write a date, "T", a time and an offset ("Z" or ±hh:mm), such as "2024-05-01T10:00:00Z"; pass a Date, an RFC 3339 timestamp such as "2024-05-01T10:00:00Z", or epoch milliseconds.',
    ],
    [
      { source: 's', detailType: 't', detail: { big: 'x'.repeat(MAX_REQUEST_BYTES) } },
      'put(): entry 3 (s t) is 262156 bytes; EventBridge accepts at most 262144 bytes (256 KB) per event.',
    ],
  ])('rejects %p before any call', (entry, expected) => {
    expect(message(() => toRequestEntry(entry, 3, 'orders'))).toBe(expected);
  });

  it('writes BigInts in detail as their digits, exactly', () => {
    const request = toRequestEntry(
      { source: 's', detailType: 't', detail: { orderId: 12345678901234567890n, n: [9007199254740993n], amount: 1.1 } },
      0,
      'orders',
    );
    expect(request.Detail).toBe('{"orderId":12345678901234567890,"n":[9007199254740993],"amount":1.1}');
  });

  it('sends detail given as JSON text as written', () => {
    const text = '{"orderId": 12345678901234567890, "amount": 1.10}';
    expect(toRequestEntry({ source: 's', detailType: 't', detail: text }, 0, 'orders').Detail).toBe(text);
  });

  it('names a circular detail', () => {
    const detail: Record<string, unknown> = {};
    detail.self = detail;
    expect(message(() => toRequestEntry({ source: 's', detailType: 't', detail }, 0, 'orders'))).toMatch(
      /^put\(\): entry 0 "detail" cannot be serialised to JSON: Converting circular structure to JSON/,
    );
  });
});

describe('batchEntries', () => {
  const entry = (bytes: number) => toRequestEntry({ source: 's', detailType: 't', detail: { pad: 'x'.repeat(bytes) } }, 0, 'orders');

  it('splits by the 10-entry limit, in order', () => {
    const entries = Array.from({ length: 23 }, (_, i) => toRequestEntry({ source: `s${i}`, detailType: 't' }, i, 'orders'));
    const batches = batchEntries(entries);
    expect(batches.map((b) => b.length)).toEqual([10, 10, 3]);
    expect(batches.flat().map((e) => e.Source)).toEqual(entries.map((e) => e.Source));
  });

  it('splits by the 256 KB request limit', () => {
    const big = entry(100 * 1024);
    expect(batchEntries([big, big, big, big]).map((b) => b.length)).toEqual([2, 2]);
    expect(batchEntries([big, big]).every((b) => b.reduce((sum, e) => sum + entrySize(e), 0) <= MAX_REQUEST_BYTES)).toBe(true);
  });
});
