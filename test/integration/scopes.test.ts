/**
 * @jest-environment jest-eventbridge/environment
 * @jest-environment-options {"eventBridge": {"eventBusName": "scopes", "timeout": 3000}}
 */
/* eslint-disable jest/valid-expect */
// What a test sees without correlation scoping, on a bus of its own (it counts exactly): time
// decides. A block's tests see what arrived since its beforeAll began (or an outer one's), a
// sibling block's events stay invisible, and a test without an enclosing beforeAll sees only
// what arrived since it began.
import { failureOf } from '../support/failureOf';

const event = (detailType: string) => ({ source: 'scope-test', detailType, detail: {} });
const types = () => eventBridge.events.map((e) => e['detail-type']).sort();
let seenInAfterAll: string[] | undefined;

describe('orders', () => {
  beforeAll(async () => {
    await eventBridge.put([event('OrdersSetup'), event('OrdersSetup')]);
  });

  afterAll(() => {
    seenInAfterAll = types();
  });

  it('sees what the beforeAll of its block put', async () => {
    await expect(eventBridge).toEmitEventTimes({ 'detail-type': 'OrdersSetup' }, 2, { timeout: 1500 });
  });

  it('sees it again in a later test, whenever it arrived', async () => {
    await expect(eventBridge).toEmitEventTimes({ 'detail-type': 'OrdersSetup' }, 2, { timeout: 300 });
    await eventBridge.put(event('SecondTestOwn'));
    await expect(eventBridge).toEmitEvent({ 'detail-type': 'SecondTestOwn' });
  });

  it("counts an earlier test's events too: time alone cannot tell them from the block's", async () => {
    await expect(eventBridge).toEmitEventTimes({ 'detail-type': 'SecondTestOwn' }, 1, { timeout: 300 });
  });

  describe('nested', () => {
    beforeAll(async () => {
      await eventBridge.put(event('NestedSetup'));
    });

    it("sees the outer block's events and its own block's", async () => {
      await expect(eventBridge).toEmitEvent({ 'detail-type': 'NestedSetup' });
      expect(types()).toEqual(['NestedSetup', 'OrdersSetup', 'OrdersSetup', 'SecondTestOwn']);
    });
  });
});

describe('a sibling block', () => {
  beforeAll(async () => {
    await eventBridge.put(event('SiblingSetup'));
  });

  it("does not see the other block's events, and says why", async () => {
    await expect(eventBridge).toEmitEvent({ 'detail-type': 'SiblingSetup' });
    const message = await failureOf(expect(eventBridge).toEmitEvent({ 'detail-type': 'OrdersSetup' }, { timeout: 300 }));
    expect(message).toContain('Waited 0.3');
    expect(message).toContain(
      'Not counted:\n  2 matching events arrived while describe "orders" was running; without correlation scoping an event counts for the block running when it arrives, not for this test.',
    );
    expect(types()).toEqual(['SiblingSetup']);
  });

  it("saw, in the afterAll of the other block, what a test of that block sees there: not its nested block's events", () => {
    expect(seenInAfterAll).toEqual(['OrdersSetup', 'OrdersSetup', 'SecondTestOwn']);
  });
});

describe('without a beforeAll', () => {
  it('puts an event', async () => {
    await eventBridge.put(event('Early'));
    await expect(eventBridge).toEmitEvent({ 'detail-type': 'Early' });
  });

  it('a later test sees only what arrived since it began, and says when the rest arrived', async () => {
    const message = await failureOf(expect(eventBridge).toEmitEvent({ 'detail-type': 'Early' }, { timeout: 200 }));
    expect(message).toMatch(/Not counted:\n {2}1 matching event arrived \d+\.\d s before this test began, outside this test's window\./);
    expect(eventBridge.events).toEqual([]);
  });
});
