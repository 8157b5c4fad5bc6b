// Fails on purpose: vitestRunner.test.ts checks that Vitest reports the matcher's own message.
import { eventBridge } from 'jest-eventbridge';

it('waits for an event the service never emits', async () => {
  await eventBridge.put({ source: 'shop.orders', detailType: 'OrderPlaced', detail: { orderId: 'f1', items: [] } });
  await expect(eventBridge).toEmitEvent({ 'detail-type': 'OrderShipped' }, { timeout: 1500 });
});
