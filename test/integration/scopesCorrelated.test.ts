/**
 * @jest-environment jest-eventbridge/environment
 * @jest-environment-options {"eventBridge": {"eventBusName": "scopes-correlated", "timeout": 3000, "correlation": {"path": "detail.metadata.correlationId"}}}
 */
/* eslint-disable jest/valid-expect */
// What a test sees with correlation scoping, on a bus of its own (it counts exactly): each block
// has an id, stamped on what its beforeAll puts; a test sees its own id and its enclosing
// blocks' ids, whenever those events arrive, and never a sibling block's or another test's.
import { failureOf } from '../support/failureOf';

const event = (detailType: string, correlationId?: string) => ({
  source: 'scope-test',
  detailType,
  detail: correlationId === undefined ? {} : { metadata: { correlationId } },
});
const types = () => eventBridge.events.map((e) => e['detail-type']).sort();
const ids: Record<string, string | undefined> = {};

beforeAll(async () => {
  ids.file = eventBridge.correlationId;
  const [result] = await eventBridge.put(event('FileSetup'));
  ids.fileSetupStamp = result?.correlationId;
});

describe('orders', () => {
  beforeAll(async () => {
    ids.orders = eventBridge.correlationId;
    await eventBridge.put([event('OrdersSetup'), event('OrdersSetup')]);
  });

  it('stamps a block id on what its beforeAll puts, and a test id on its own puts', async () => {
    expect(ids.file).toMatch(/^jeb-[a-z0-9]+-w\d+-[a-z0-9]{6}:file$/);
    expect(ids.fileSetupStamp).toBe(ids.file);
    expect(ids.orders).toMatch(/^jeb-[a-z0-9]+-w\d+-[a-z0-9]{6}:b1$/);
    expect(eventBridge.correlationId).toMatch(/^jeb-[a-z0-9]+-w\d+-[a-z0-9]{6}:t1$/);
    await eventBridge.put(event('FirstTestOwn'));
    await expect(eventBridge).toEmitEventTimes({ 'detail-type': 'OrdersSetup' }, 2, { timeout: 1500 });
    expect(types()).toEqual(['FileSetup', 'FirstTestOwn', 'OrdersSetup', 'OrdersSetup']);
  });

  it("sees the block's events in a later test, and one that arrives late, but not the earlier test's", async () => {
    // As a slow service's reply to the beforeAll's put would: it carries the block's id.
    await eventBridge.put(event('LateReply', ids.orders));
    await expect(eventBridge).toEmitEvent({ 'detail-type': 'LateReply' });
    await expect(eventBridge).not.toEmitEvent({ 'detail-type': 'FirstTestOwn' }, { timeout: 300 });
    expect(types()).toEqual(['FileSetup', 'LateReply', 'OrdersSetup', 'OrdersSetup']);
  });

  describe('nested', () => {
    beforeAll(async () => {
      ids.nested = eventBridge.correlationId;
      await eventBridge.put(event('NestedSetup'));
    });

    it("sees the file's, the outer block's and its own block's events", async () => {
      expect(ids.nested).toMatch(/:b2$/);
      await expect(eventBridge).toEmitEvent({ 'detail-type': 'NestedSetup' });
      expect(types()).toEqual(['FileSetup', 'LateReply', 'NestedSetup', 'OrdersSetup', 'OrdersSetup']);
    });
  });
});

describe('a sibling block', () => {
  it("sees the file's events but not the other block's, and names whose they are", async () => {
    await expect(eventBridge).toEmitEvent({ 'detail-type': 'FileSetup' });
    const message = await failureOf(expect(eventBridge).toEmitEvent({ 'detail-type': 'OrdersSetup' }, { timeout: 300 }));
    expect(message).toContain(
      `Not counted:\n  2 matching events carry correlation id ${ids.orders}, of describe "orders": not counted for this test.`,
    );
    const sibling = ids.file?.replace(/file$/, 'b3');
    expect(message).toContain(
      `scoped to correlation id ${eventBridge.correlationId} and its enclosing blocks' ${sibling}, ${ids.file} at detail.metadata.correlationId;`,
    );
    expect(types()).toEqual(['FileSetup']);
  });
});
