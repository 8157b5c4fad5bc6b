// The Vitest twin of orders.spec.mjs: `import ... from 'jest-eventbridge'` goes through the
// package's "import" export condition, and expect comes from 'vitest' here, to prove that the
// matchers the setup file registers are on that expect too.
// The e2e test expects exactly 3 tests from this file; keep its EXPECTED_TESTS in step.
import { describe, expect, it } from 'vitest';
import { eventBridge, eventPattern } from 'jest-eventbridge';

describe('jest-eventbridge from import, under Vitest', () => {
  it('captures the event the test put', async () => {
    const [sent] = await eventBridge.put({ source: 'shop.orders', detailType: 'OrderPlaced', detail: { orderId: '2' } });
    expect(sent?.eventId).toEqual(expect.any(String));

    await expect(eventBridge).toEmitEvent({ source: 'shop.orders', 'detail-type': 'OrderPlaced', detail: { orderId: '2' } });
    await expect(eventBridge).toEmitEvent(eventPattern({ 'detail-type': ['OrderPlaced'], detail: { orderId: ['2'] } }));
    expect(eventBridge.events).toHaveLength(1);
  });

  it('fails .not when the event arrives, naming it', async () => {
    await eventBridge.put({ source: 'shop.orders', detailType: 'OrderShipped', detail: { orderId: '3' } });
    await expect(expect(eventBridge).not.toEmitEvent({ 'detail-type': 'OrderShipped' }, { timeout: 1000 })).rejects.toThrow(/OrderShipped/);
  });

  it('is the same capture as the eventBridge global', () => {
    expect(globalThis.eventBridge.eventBusName).toBe('orders');
    expect(eventBridge.eventBusName).toBe('orders');
    expect(eventBridge.resources).toEqual(globalThis.eventBridge.resources);
  });
});
