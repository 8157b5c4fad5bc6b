/* Each test starts an assertion, moves the manual clock, then awaits it: jest/valid-expect
   cannot follow a promise through a variable (no-floating-promises still checks them). */
/* eslint-disable jest/valid-expect */
import { eventPattern } from '../../../../src/core/expectations/eventPattern';
import type { EventBridgeEvent } from '../../../../src/core/events/envelope';
import { envelope, fakeCapture } from '../../support/fakeCapture';
import { failureOf } from './matcherTestSupport';

describe('toEmitEvent', () => {
  it('passes as soon as a matching event arrives', async () => {
    const { handle, arrive, clock, settle } = fakeCapture();
    const assertion = expect(handle).toEmitEvent({ 'detail-type': 'OrderConfirmed', detail: { total: expect.any(Number) } });
    await settle();
    clock.advance(100);
    arrive(envelope({ 'detail-type': 'OrderConfirmed', detail: { total: 9 } }));
    await assertion;
    expect(clock.pendingTimers).toBe(0);
  });

  it('fails after the window, with the nearest candidate and what arrived', async () => {
    const { handle, arrive, clock, settle } = fakeCapture();
    const assertion = failureOf(
      expect(handle).toEmitEvent({ source: 'shop.billing', detail: { orderId: '42', total: 100 } }, { timeout: 2000 }),
    );
    await settle();
    clock.advance(300);
    arrive(
      envelope({ source: 'shop.billing', detail: { orderId: '42', total: 80 } }),
      envelope({ source: 'shop.inventory', detail: { orderId: '42' } }),
    );
    clock.advance(1700);
    expect(await assertion).toMatchInlineSnapshot(`
"expect(eventBridge).toEmitEvent(expected, options)

Expected an event matching: {"detail": {"orderId": "42", "total": 100}, "source": "shop.billing"}
Waited 2.00 s on bus "orders" via queue jeb-test; 2 events arrived in that window. None matched.

Nearest candidate (event 1):
- Expected
+ Received

  Object {
    "detail": Object {
      "orderId": "42",
-     "total": 100,
+     "total": 80,
    },
    "source": "shop.billing",
  }

Events that arrived (2):
  1. +0.30 s  shop.billing  OrderPlaced  {"orderId":"42","total":80}
  2. +0.30 s  shop.inventory  OrderPlaced  {"orderId":"42"}"
`);
  });

  it('.not passes only after the whole window', async () => {
    const { handle, arrive, clock, settle } = fakeCapture();
    let done = false;
    const assertion = expect(handle)
      .not.toEmitEvent({ 'detail-type': 'OrderRejected' }, { timeout: 2000 })
      .then(() => (done = true));
    await settle();
    arrive(envelope({ 'detail-type': 'OrderConfirmed' }));
    clock.advance(1999);
    await settle();
    expect(done).toBe(false);
    clock.advance(1);
    await assertion;
    expect(done).toBe(true);
  });

  it('.not fails at the first matching event, without waiting out the window', async () => {
    const { handle, arrive, clock, settle } = fakeCapture();
    const assertion = failureOf(expect(handle).not.toEmitEvent({ 'detail-type': 'OrderRejected' }, { timeout: 60_000 }));
    await settle();
    clock.advance(500);
    arrive(envelope({ id: 'evt-rejected', 'detail-type': 'OrderRejected', detail: { reason: 'NO_ITEMS' } }));
    expect(await assertion).toMatchInlineSnapshot(`
"expect(eventBridge).not.toEmitEvent(expected, options)

Expected no event matching: {"detail-type": "OrderRejected"}
But event 1 matched:
  1. +0.50 s  shop.orders  OrderRejected  {"reason":"NO_ITEMS"}
{"account": "123456789012", "detail": {"reason": "NO_ITEMS"}, "detail-type": "OrderRejected", "id": "evt-rejected", "region": "us-east-1", "resources": [], "source": "shop.orders", "time": "2026-11-23T10:00:00Z", "version": "0"}
Decided after 0.50 s on bus "orders" via queue jeb-test; 1 event had arrived by then.

Events that arrived (1):
  1. +0.50 s  shop.orders  OrderRejected  {"reason":"NO_ITEMS"}"
`);
  });

  it('takes a predicate and an event pattern, and explains the pattern miss', async () => {
    const { handle, arrive, clock, settle } = fakeCapture();
    arrive(envelope({ detail: { items: [1, 2], total: 80 } }));
    await expect(handle).toEmitEvent((event) => event.detail.items.length === 2);
    const assertion = failureOf(expect(handle).toEmitEvent(eventPattern({ detail: { total: [{ numeric: ['>', 100] }] } })));
    await settle();
    clock.advance(1000);
    expect(await assertion).toContain('Nearest candidate (event 1):\n  detail.total: 80 is not > 100');
  });

  it('looks only at events of the current window', async () => {
    const { handle, arrive, store, clock, settle } = fakeCapture();
    arrive(envelope({ 'detail-type': 'Old' }));
    store.openWindow();
    const assertion = expect(handle).not.toEmitEvent({ 'detail-type': 'Old' }, { timeout: 10 });
    await settle();
    clock.advance(10);
    await assertion;
    expect(handle.events).toEqual([]);
  });

  it.each([
    ['a wrong receiver', () => expect({ events: [] }).toEmitEvent({}), 'received value must be the eventBridge object of jest-eventbridge'],
    [
      'a number as expectation',
      (h: unknown) => expect(h).toEmitEvent(42 as never),
      'expected value must be an object to match against the event (like toMatchObject), a predicate function (event) => boolean, or eventPattern({...})',
    ],
    ['an array as expectation', (h: unknown) => expect(h).toEmitEvent([] as never), 'expected value must be an object'],
    [
      'a negative timeout',
      (h: unknown) => expect(h).toEmitEvent({}, { timeout: -5 }),
      'options.timeout must be a positive number of milliseconds',
    ],
    ['an unknown option', (h: unknown) => expect(h).toEmitEvent({}, { timeOut: 5 } as never), 'unknown option "timeOut"; known: timeout'],
  ])('reports %s as a matcher error', async (_, call, text) => {
    const { handle } = fakeCapture();
    const message = await failureOf(call(handle));
    expect(message).toContain('Matcher error');
    expect(message).toContain(text);
  });

  it('prints large integers exactly in its failure, so distinct ids never look equal', async () => {
    const { handle, arrive, clock, settle } = fakeCapture();
    const assertion = failureOf(
      expect(handle).toEmitEvent(eventPattern({ detail: { orderId: [12345678901234567890n] } }), { timeout: 1000 }),
    );
    await settle();
    arrive(envelope({ detail: { orderId: 12345678901234567891n } }));
    clock.advance(1000);
    expect(await assertion).toBe(`expect(eventBridge).toEmitEvent(expected, options)

Expected an event matching: {"detail": {"orderId": [12345678901234567890n]}}
Waited 1.00 s on bus "orders" via queue jeb-test; 1 event arrived in that window. None matched.

Nearest candidate (event 1):
  detail.orderId: 12345678901234567891 is not 12345678901234567890

Events that arrived (1):
  1. +0.00 s  shop.orders  OrderPlaced  {"orderId":12345678901234567891}`);
  });

  describe('with a mirrored target: what the target receives is the subject', () => {
    // As CaptureSession builds it: the target's input text, parsed when it is JSON.
    const transformed = (event: EventBridgeEvent): unknown =>
      event['detail-type'] === 'Note'
        ? `Order ${String(event.detail.orderId)} noted`
        : { orderId: event.detail.orderId, total: event.detail.total };

    it('matches the transformed object, and eventBridge.events lists it', async () => {
      const { handle, arrive, settle } = fakeCapture({ deliver: transformed });
      const assertion = expect(handle).toEmitEvent({ orderId: 'o-1', total: 42 });
      await settle();
      arrive(envelope({ 'detail-type': 'OrderConfirmed', detail: { orderId: 'o-1', total: 42, lines: [] } }));
      await assertion;
      expect(handle.events).toEqual([{ orderId: 'o-1', total: 42 }]);
    });

    it('fails readably when the subject is a transformed object or text', async () => {
      const { handle, arrive, clock, settle } = fakeCapture({ deliver: transformed });
      const assertion = failureOf(expect(handle).toEmitEvent({ orderId: 'o-2' }, { timeout: 1000 }));
      await settle();
      arrive(
        envelope({ 'detail-type': 'OrderConfirmed', detail: { orderId: 'o-1', total: 42 } }),
        envelope({ 'detail-type': 'Note', detail: { orderId: 'o-3' } }),
      );
      clock.advance(1000);
      expect(await assertion).toMatchInlineSnapshot(`
"expect(eventBridge).toEmitEvent(expected, options)

Expected an event matching: {"orderId": "o-2"}
Waited 1.00 s on bus "orders" via queue jeb-test; 2 events arrived in that window. None matched.

Events that arrived (2):
  1. +0.00 s  shop.orders  OrderConfirmed  → {"orderId":"o-1","total":42}
  2. +0.00 s  shop.orders  Note  → "Order o-3 noted""
`);
    });
  });
});
