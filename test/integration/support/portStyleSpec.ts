/**
 * The body of the portStyle*.test.ts files: a service's integration tests as teams write them,
 * ported to jest-eventbridge. The service (examples/order-service, through local flows) runs for the whole file; each
 * block places one order in its beforeAll (act once) and several tests check different outcomes
 * of it (assert many). Run with and without correlation scoping.
 */
import { join } from 'node:path';
import { startLocalFlows, type LocalFlows } from '../../../src/local/startLocalFlows';

const order = (orderId: string, items: Array<{ sku: string; quantity: number; price: number }>) => ({
  source: 'shop.orders',
  detailType: 'OrderPlaced',
  detail: { orderId, items },
});

export function portStyleSpec(): void {
  let service: LocalFlows | undefined;

  beforeAll(async () => {
    const endpoint = process.env.JEST_EVENTBRIDGE_TEST_ENDPOINT_RESOLVED ?? '';
    service = await startLocalFlows({
      template: join(__dirname, '../../../examples/order-service/template.yaml'),
      endpoint,
      parameters: { EventBusName: eventBridge.eventBusName },
    });
  });

  afterAll(async () => {
    await service?.stop();
  });

  describe('a valid order', () => {
    beforeAll(async () => {
      await eventBridge.put(
        order('p-1', [
          { sku: 'TEA-1', quantity: 2, price: 4.5 },
          { sku: 'MUG-2', quantity: 1, price: 12 },
        ]),
      );
    });

    it('is confirmed with its total', async () => {
      await expect(eventBridge).toEmitEvent({
        source: 'shop.billing',
        'detail-type': 'OrderConfirmed',
        detail: { orderId: 'p-1', total: 21, itemCount: 3 },
      });
    });

    it('reserves each item exactly once', async () => {
      await expect(eventBridge).toEmitEventTimes(
        { source: 'shop.inventory', 'detail-type': 'ItemReserved', detail: { orderId: 'p-1' } },
        2,
        { timeout: 2000 },
      );
    });

    it('confirms before it reserves', async () => {
      await expect(eventBridge).toEmitEvents([{ 'detail-type': 'OrderConfirmed' }, { 'detail-type': 'ItemReserved' }], { ordered: true });
    });

    it('is not rejected', async () => {
      await expect(eventBridge).not.toEmitEvent({ 'detail-type': 'OrderRejected' }, { timeout: 1000 });
    });
  });

  describe('an order without items', () => {
    beforeAll(async () => {
      await eventBridge.put(order('p-2', []));
    });

    it('is rejected for having no items', async () => {
      await expect(eventBridge).toEmitEvent({ 'detail-type': 'OrderRejected', detail: { orderId: 'p-2', reason: 'NO_ITEMS' } });
    });

    it('reserves nothing, and sees none of the other order’s reservations', async () => {
      await expect(eventBridge).toEmitEventTimes({ 'detail-type': 'ItemReserved' }, 0, { timeout: 1000 });
    });

    it('is not confirmed', async () => {
      await expect(eventBridge).not.toEmitEvent({ 'detail-type': 'OrderConfirmed' }, { timeout: 1000 });
    });
  });
}
