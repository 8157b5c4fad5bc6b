// The realistic spec, jest-eventbridge variant: the environment (capture queue and rule per file)
// and the matchers come from the built package, configured by bench/realistic.ts as a user's
// Jest config would. Each test puts one order and awaits what the order service emits.
import { eventBridge } from 'jest-eventbridge';
import { CONFIRMATIONS, ORDER_PLACED, ORDERS_SOURCE } from '../orders';

describe('order confirmations', () => {
  it.each(CONFIRMATIONS)('confirms order $orderId with its total', async ({ orderId, items, total, itemCount }) => {
    await eventBridge.put({ source: ORDERS_SOURCE, detailType: ORDER_PLACED, detail: { orderId, items } });

    await expect(eventBridge).toEmitEvent({ source: 'shop.billing', 'detail-type': 'OrderConfirmed', detail: { orderId, total, itemCount } });
  });
});
