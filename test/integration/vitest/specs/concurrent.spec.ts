// describe.concurrent and it.concurrent under Vitest: each concurrent test sees only the events
// its own puts caused (correlation scoping), although the tests run at the same time.
import { describe, it } from 'vitest';
import { eventBridge } from 'jest-eventbridge';

const order = (orderId: string) => ({
  source: 'shop.orders',
  detailType: 'OrderPlaced',
  detail: { orderId, items: [{ sku: 'TEA-1', quantity: 1, price: 2 }] },
});

describe.concurrent('concurrent tests', () => {
  for (const id of ['c1', 'c2', 'c3']) {
    it(`sees only order ${id}`, async ({ expect }) => {
      await eventBridge.put(order(id));
      await expect(eventBridge).toEmitEvent({ 'detail-type': 'OrderConfirmed', detail: { orderId: id } });
      await expect(eventBridge).toEmitEventTimes({ 'detail-type': 'ItemReserved' }, 1, { timeout: 1500 });
      const ids = new Set(eventBridge.events.map((event) => (event.detail as { orderId: string }).orderId));
      expect([...ids]).toEqual([id]);
    });
  }
});

it.concurrent('a concurrent test at the top level sees only its own order', async ({ expect }) => {
  await eventBridge.put(order('c4'));
  await expect(eventBridge).toEmitEvent({ 'detail-type': 'OrderConfirmed', detail: { orderId: 'c4' } });
  expect(eventBridge.events.every((event) => (event.detail as { orderId: string }).orderId === 'c4')).toBe(true);
});
