import { eventBridge } from 'jest-eventbridge';
import { ORDER_PLACED, ORDERS_SOURCE, SEQUENCING } from '../orders';

const place = (order: { readonly orderId: string; readonly items: readonly object[] }) =>
  eventBridge.put({ source: ORDERS_SOURCE, detailType: ORDER_PLACED, detail: { orderId: order.orderId, items: order.items } });

describe('what an order leads to', () => {
  it('confirms before it reserves', async () => {
    await place(SEQUENCING.ordered);

    await expect(eventBridge).toEmitEvents([{ 'detail-type': 'OrderConfirmed' }, { 'detail-type': 'ItemReserved' }], { ordered: true });
  });

  it('counts every unit of every item', async () => {
    await place(SEQUENCING.itemCount);

    await expect(eventBridge).toEmitEvent((event) => event['detail-type'] === 'OrderConfirmed' && event.detail.itemCount === 3);
  });

  it('totals in whole cents', async () => {
    await place(SEQUENCING.cents);

    await expect(eventBridge).toEmitEvent({ 'detail-type': 'OrderConfirmed', detail: { orderId: SEQUENCING.cents.orderId, total: 0.3 } });
  });

  it('reserves the quantity ordered', async () => {
    await place(SEQUENCING.quantity);

    await expect(eventBridge).toEmitEvent({ 'detail-type': 'ItemReserved', detail: { sku: 'POT-3', quantity: 5 } });
  });

  it('does not reject a valid order', async () => {
    await place(SEQUENCING.valid);

    await expect(eventBridge).toEmitEvent({ 'detail-type': 'OrderConfirmed' });
    // Absence needs a window: one second, as in the tutorial spec.
    await expect(eventBridge).not.toEmitEvent({ 'detail-type': 'OrderRejected' }, { timeout: 1000 });
  });
});
