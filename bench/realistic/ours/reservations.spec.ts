import { eventBridge } from 'jest-eventbridge';
import { ORDER_PLACED, ORDERS_SOURCE, RESERVATIONS } from '../orders';

describe('stock reservations', () => {
  it.each(RESERVATIONS)('reserves every item of order $orderId', async ({ orderId, items }) => {
    await eventBridge.put({ source: ORDERS_SOURCE, detailType: ORDER_PLACED, detail: { orderId, items } });

    await expect(eventBridge).toEmitEvents(items.map(({ sku, quantity }) => ({ source: 'shop.inventory', 'detail-type': 'ItemReserved', detail: { orderId, sku, quantity } })));
  });
});
