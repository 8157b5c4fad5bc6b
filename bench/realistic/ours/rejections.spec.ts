import { eventBridge, eventPattern } from 'jest-eventbridge';
import { ORDER_PLACED, ORDERS_SOURCE, REJECTIONS } from '../orders';

describe('order rejections', () => {
  it.each(REJECTIONS)('rejects order $orderId with $reason', async ({ orderId, items, reason }) => {
    await eventBridge.put({ source: ORDERS_SOURCE, detailType: ORDER_PLACED, detail: { orderId, items } });

    await expect(eventBridge).toEmitEvent(eventPattern({ source: ['shop.billing'], 'detail-type': ['OrderRejected'], detail: { orderId: [orderId], reason: [reason] } }));
  });
});
