// A failing variant of the tutorial spec (../orders.spec.ts), for the event report's screenshot
// in the README (`node tools/report-demo.mjs`). Its first test is the tutorial's first, with the
// mistake a spec's author makes: it expects shipping in the total, which the order service does
// not add. The service confirms the order with total 9, so toEmitEvent fails, and the report
// shows the events that did arrive and the nearest candidate with why it did not match.
import { eventBridge } from 'jest-eventbridge';

describe('order service (the failing variant)', () => {
  it('confirms an order with its total, shipping included', async () => {
    await eventBridge.put({
      source: 'shop.orders',
      detailType: 'OrderPlaced',
      detail: { orderId: '42', items: [{ sku: 'TEA-1', quantity: 2, price: 4.5 }] },
    });

    // 2 × 4.5 plus 4.5 shipping: the service computes 9.
    await expect(eventBridge).toEmitEvent(
      { source: 'shop.billing', 'detail-type': 'OrderConfirmed', detail: { orderId: '42', total: 13.5 } },
      { timeout: 3000 },
    );
  });
});
