import { REJECTIONS } from '../orders';
import { eventOfOrder, placeOrder, useHelper } from './events';

const helper = useHelper();

describe('order rejections', () => {
  it.each(REJECTIONS)('rejects order $orderId with $reason', async ({ orderId, items, reason }) => {
    await placeOrder({ orderId, items });

    const rejected = await eventOfOrder(helper(), orderId, (event) => event['detail-type'] === 'OrderRejected');
    expect(rejected).toMatchObject({ source: 'shop.billing', detail: { orderId, reason } });
  });
});
