import { correlationOf, stampCorrelation } from '../../../../src/core/events/correlation';
import { parseEnvelope } from '../../../../src/core/events/envelope';
import { envelope } from '../../support/fakeCapture';

const segments = ['detail', 'metadata', 'correlationId'];

describe('stampCorrelation', () => {
  it('stamps the id at the path without mutating the caller’s entry', () => {
    const entry = { source: 's', detailType: 't', detail: { orderId: '1', metadata: { user: 'u' } } };
    const { entry: stamped, correlationId } = stampCorrelation(entry, segments, 'jeb-x:t1', 0);
    expect(stamped.detail).toEqual({ orderId: '1', metadata: { user: 'u', correlationId: 'jeb-x:t1' } });
    expect(entry.detail.metadata).toEqual({ user: 'u' });
    expect(correlationId).toBe('jeb-x:t1');
  });

  it('keeps an id the author set, and stamps JSON text and missing detail too', () => {
    const own = stampCorrelation(
      { source: 's', detailType: 't', detail: { metadata: { correlationId: 'mine' } } },
      segments,
      'jeb-x:t1',
      0,
    );
    expect(own.correlationId).toBe('mine');
    expect(stampCorrelation({ source: 's', detailType: 't', detail: '{"a":1}' }, segments, 'id', 0).entry.detail).toBe(
      '{"a":1,"metadata": {"correlationId":"id"}}',
    );
    expect(stampCorrelation({ source: 's', detailType: 't' }, segments, 'id', 0).entry.detail).toEqual({
      metadata: { correlationId: 'id' },
    });
  });

  it('stamps only plain objects: a class instance is refused, a Map or Date left to put()’s own check', () => {
    class Order {
      constructor(readonly orderId: string) {}
    }
    expect(() => stampCorrelation({ source: 's', detailType: 't', detail: new Order('1') }, segments, 'id', 2)).toThrow(
      'put(): entry 2: "detail" is an instance of Order; with correlation scoping it must be a plain object or JSON text, so that the id can be stamped into it: pass { ...detail } or JSON.stringify(detail).',
    );
    const map = { source: 's', detailType: 't', detail: new Map([['orderId', 1]]) };
    expect(stampCorrelation(map, segments, 'id', 0)).toEqual({ entry: map, correlationId: undefined });
  });

  it('inserts the id into JSON text and leaves the rest of the text as written', () => {
    const text = '{"orderId": 12345678901234567890, "amount": 1.10, "metadata": {}}';
    const { entry, correlationId } = stampCorrelation({ source: 's', detailType: 't', detail: text }, segments, 'jeb-x:t1', 0);
    expect(entry.detail).toBe('{"orderId": 12345678901234567890, "amount": 1.10, "metadata": {"correlationId": "jeb-x:t1"}}');
    expect(correlationId).toBe('jeb-x:t1');
    const spaced = '{\n  "id": 9007199254740993,\n  "price": 3.0e2\n}';
    expect(stampCorrelation({ source: 's', detailType: 't', detail: spaced }, segments, 'c', 0).entry.detail).toBe(
      '{\n  "id": 9007199254740993,\n  "price": 3.0e2,"metadata": {"correlationId":"c"}\n}',
    );
  });

  it('reads an id already in JSON text, also next to large numbers', () => {
    const text = '{"n": 12345678901234567890, "metadata": {"correlationId": "mine"}}';
    expect(stampCorrelation({ source: 's', detailType: 't', detail: text }, segments, 'id', 0)).toEqual({
      entry: { source: 's', detailType: 't', detail: text },
      correlationId: 'mine',
    });
  });

  it('says where it cannot stamp JSON text', () => {
    expect(() => stampCorrelation({ source: 's', detailType: 't', detail: '{"metadata": [1]}' }, segments, 'id', 1)).toThrow(
      'put(): entry 1: cannot stamp the correlation id at "detail.metadata.correlationId": "metadata" is an array, not an object.',
    );
  });

  it('says where it cannot stamp', () => {
    expect(() => stampCorrelation({ source: 's', detailType: 't', detail: { metadata: 'text' } }, segments, 'id', 2)).toThrow(
      'put(): entry 2: cannot stamp the correlation id at "detail.metadata.correlationId": "metadata" is string, not an object.',
    );
  });

  it('reads the id back from a delivered event', () => {
    expect(correlationOf(envelope({ detail: { metadata: { correlationId: 'c' } } }), segments)).toBe('c');
    expect(correlationOf(envelope({ detail: { metadata: { correlationId: 7 } } }), segments)).toBeUndefined();
  });
});

describe('parseEnvelope', () => {
  it.each([
    [undefined, 'empty message body'],
    ['{', 'message body is not JSON'],
    ['[1]', 'message body is not a JSON object'],
    ['{"id":"1"}', 'not an EventBridge envelope: missing source, detail-type, detail'],
    ['{"id":1,"source":"s","detail-type":"t","detail":{}}', 'not an EventBridge envelope: id is not a string'],
  ])('reports %p as not an event', (body, reason) => {
    expect(parseEnvelope(body)).toEqual({ ok: false, reason });
  });

  it('reads integers a double cannot hold as exact BigInts', () => {
    const body =
      '{"id":"1","source":"s","detail-type":"t","detail":{"a":12345678901234567890,"b":9007199254740993,"c":9007199254740991,"d":1.10,"e":-12345678901234567891}}';
    const parsed = parseEnvelope(body);
    expect(parsed.ok && parsed.event.detail).toEqual({
      a: 12345678901234567890n,
      b: 9007199254740993n,
      c: 9007199254740991,
      d: 1.1,
      e: -12345678901234567891n,
    });
  });

  it('parses an envelope', () => {
    const event = envelope();
    expect(parseEnvelope(JSON.stringify(event))).toEqual({ ok: true, event });
  });
});
