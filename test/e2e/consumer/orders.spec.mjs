// Loaded through the package's "import" export condition (esm/index.mjs), in Jest's native ESM
// mode. expect comes from @jest/globals here, to prove the matchers the preset registers are on
// that expect too.
// The e2e test expects exactly 3 tests from this file; keep its EXPECTED_TESTS in step.
import { describe, expect, it } from '@jest/globals';
import { eventBridge, eventPattern } from 'jest-eventbridge';

describe('jest-eventbridge from import', () => {
  it('captures the event the test put', async () => {
    const [sent] = await eventBridge.put({ source: 'shop.orders', detailType: 'OrderPlaced', detail: { orderId: '2' } });
    expect(sent?.eventId).toEqual(expect.any(String));

    await expect(eventBridge).toEmitEvent({ source: 'shop.orders', 'detail-type': 'OrderPlaced', detail: { orderId: '2' } });
    await expect(eventBridge).toEmitEvent(eventPattern({ 'detail-type': ['OrderPlaced'], detail: { orderId: ['2'] } }));
    expect(eventBridge.events).toHaveLength(1);
  });

  it('passes .not when no such event arrives', async () => {
    await expect(eventBridge).not.toEmitEvent({ 'detail-type': 'Nope' }, { timeout: 500 });
  });

  it('is the same capture as the eventBridge global', () => {
    expect(globalThis.eventBridge.eventBusName).toBe('orders');
    expect(eventBridge.eventBusName).toBe('orders');
    expect(eventBridge.resources).toEqual(globalThis.eventBridge.resources);
  });
});
