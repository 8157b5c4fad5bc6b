// The tutorial spec (README, "Your first spec"): an order service reacts to OrderPlaced on the
// "orders" bus. Each test of the first block fires one event and awaits the events the service
// emits in response; the second block puts its order once in beforeAll and checks it in several
// tests.
// The environment (see jest.config.js) created a capture queue and rule for this file before
// the first test and removes them after the last one.
import { eventBridge, eventPattern } from 'jest-eventbridge';

const order = (orderId: string, items: Array<{ sku: string; quantity: number; price: number }>) => ({
  source: 'shop.orders',
  detailType: 'OrderPlaced',
  detail: { orderId, items },
});

describe('order service', () => {
  it('confirms an order with its total', async () => {
    const [sent] = await eventBridge.put(order('42', [{ sku: 'TEA-1', quantity: 2, price: 4.5 }]));
    expect(sent?.eventId).toEqual(expect.any(String));

    // A subset of the envelope, as with toMatchObject; asymmetric matchers work inside.
    await expect(eventBridge).toEmitEvent({
      source: 'shop.billing',
      'detail-type': 'OrderConfirmed',
      detail: { orderId: '42', total: expect.any(Number) },
    });
  });

  it('reserves each item exactly once, and does not reject the order', async () => {
    await eventBridge.put(
      order('43', [
        { sku: 'TEA-1', quantity: 1, price: 4.5 },
        { sku: 'MUG-2', quantity: 1, price: 12 },
      ]),
    );

    // Exactly two: fails at once on a third, otherwise waits the window to be sure.
    await expect(eventBridge).toEmitEventTimes({ 'detail-type': 'ItemReserved' }, 2, { timeout: 3000 });
    // .not waits the whole window before it passes.
    await expect(eventBridge).not.toEmitEvent({ 'detail-type': 'OrderRejected' }, { timeout: 1000 });
  });

  it('rejects an order without items', async () => {
    await eventBridge.put(order('44', []));

    // EventBridge's own pattern language: the same pattern a rule would use.
    await expect(eventBridge).toEmitEvent(eventPattern({ 'detail-type': ['OrderRejected'], detail: { reason: [{ prefix: 'NO_' }] } }));
  });

  it('confirms before it reserves, in event-time order', async () => {
    await eventBridge.putFromFile('./fixtures/order-placed.json');

    await expect(eventBridge).toEmitEvents([{ 'detail-type': 'OrderConfirmed' }, { 'detail-type': 'ItemReserved' }], { ordered: true });
    // A predicate, for anything a pattern cannot say.
    await expect(eventBridge).toEmitEvent((event) => event['detail-type'] === 'OrderConfirmed' && event.detail.itemCount === 3);
    // Every event of this test, as captured: its own OrderPlaced too.
    expect(eventBridge.events.map((event) => event['detail-type']).sort()).toEqual(['ItemReserved', 'OrderConfirmed', 'OrderPlaced']);
  });
});

// Act once, assert many: the shape most integration suites have. The beforeAll's put, and the
// events the service emits in response, belong to this block: every test in it sees them,
// whenever they arrived (correlation scoping tags them with the block's id), and no other test
// or block does.
describe('an order placed once, checked by several tests', () => {
  beforeAll(async () => {
    await eventBridge.put(
      order('45', [
        { sku: 'TEA-1', quantity: 3, price: 4.5 },
        { sku: 'MUG-2', quantity: 1, price: 12 },
      ]),
    );
  });

  it('confirms it with its total', async () => {
    await expect(eventBridge).toEmitEvent({ 'detail-type': 'OrderConfirmed', detail: { orderId: '45', total: 25.5, itemCount: 4 } });
  });

  it('reserves each item exactly once', async () => {
    await expect(eventBridge).toEmitEventTimes({ 'detail-type': 'ItemReserved', detail: { orderId: '45' } }, 2, { timeout: 3000 });
  });

  it('does not reject it', async () => {
    await expect(eventBridge).not.toEmitEvent({ 'detail-type': 'OrderRejected' }, { timeout: 1000 });
  });
});
