/**
 * @jest-environment-options {"eventBridge": {"eventBusName": "orders", "emulator": true, "local": {"template": "./order-service/template.yaml", "parameters": {"Stage": "demo"}}, "correlation": {"path": "detail.metadata.correlationId"}, "mirrorRule": {"name": "order-service-audit", "target": "AuditQueue"}}}
 */
// Mirroring a rule (README, "Mirror a rule: see what its target receives"): this file's capture
// copies the pattern of the service's audit rule, `order-service-audit`, and applies its
// AuditQueue target's input transformer, so the matchers and eventBridge.events see what the
// audit queue receives: `{ "orderId": ..., "total": ... }`, not the OrderConfirmed envelope.
// (Jest merges a docblock's options shallowly, so the config's options are repeated above.)
import { eventBridge } from 'jest-eventbridge';

const order = (orderId: string, items: Array<{ sku: string; quantity: number; price: number }>) => ({
  source: 'shop.orders',
  detailType: 'OrderPlaced',
  detail: { orderId, items },
});

describe("the audit rule's target", () => {
  it('receives the order id and total of each confirmed order, nothing more', async () => {
    await eventBridge.put(order('71', [{ sku: 'TEA-1', quantity: 2, price: 4.5 }]));

    await expect(eventBridge).toEmitEvent({ orderId: '71', total: 9 });
    // The OrderPlaced this test put does not match the rule, so it is not here.
    expect(eventBridge.events).toEqual([{ orderId: '71', total: 9 }]);
  });

  it('receives nothing for a rejected order', async () => {
    await eventBridge.put(order('72', []));

    await expect(eventBridge).not.toEmitEvent(() => true, { timeout: 2000 });
  });
});
