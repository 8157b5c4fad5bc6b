import { EventBridge, type SlsEventBridge } from 'sls-test-tools';
import { REJECTIONS } from '../orders';
import { eventOfOrder, placeOrder } from './events';

let helper: SlsEventBridge;
beforeAll(async () => {
  helper = await EventBridge.build('orders');
});
afterAll(async () => {
  await helper.destroy();
});
beforeEach(async () => {
  await helper.clear();
});

describe('order rejections', () => {
  it.each(REJECTIONS)('rejects order $orderId with $reason', async ({ orderId, items, reason }) => {
    await placeOrder({ orderId, items });

    const rejected = await eventOfOrder(helper, orderId, (event) => event['detail-type'] === 'OrderRejected');
    expect(rejected).toMatchObject({ source: 'shop.billing', detail: { orderId, reason } });
  });
});
