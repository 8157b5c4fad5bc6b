import { SEQUENCING } from '../orders';
import { eventOfOrder, eventsOfOrder, placeOrder, remainingEvents, useHelper } from './events';

const helper = useHelper();

describe('what an order leads to', () => {
  it('confirms before it reserves', async () => {
    const { orderId } = SEQUENCING.ordered;
    await placeOrder(SEQUENCING.ordered);

    const types = (await eventsOfOrder(helper(), orderId, (events) => events.length >= 2)).map((event) => event['detail-type']);
    expect(types).toEqual(['OrderConfirmed', 'ItemReserved']);
  });

  it('counts every unit of every item', async () => {
    const { orderId } = SEQUENCING.itemCount;
    await placeOrder(SEQUENCING.itemCount);

    const confirmed = await eventOfOrder(helper(), orderId, (event) => event['detail-type'] === 'OrderConfirmed');
    expect(confirmed?.detail.itemCount).toBe(3);
  });

  it('totals in whole cents', async () => {
    const { orderId } = SEQUENCING.cents;
    await placeOrder(SEQUENCING.cents);

    const confirmed = await eventOfOrder(helper(), orderId, (event) => event['detail-type'] === 'OrderConfirmed');
    expect(confirmed?.detail.total).toBe(0.3);
  });

  it('reserves the quantity ordered', async () => {
    const { orderId } = SEQUENCING.quantity;
    await placeOrder(SEQUENCING.quantity);

    const reserved = await eventOfOrder(helper(), orderId, (event) => event['detail-type'] === 'ItemReserved');
    expect(reserved).toMatchObject({ detail: { sku: 'POT-3', quantity: 5 } });
  });

  it('does not reject a valid order', async () => {
    const { orderId } = SEQUENCING.valid;
    await placeOrder(SEQUENCING.valid);

    const confirmed = await eventOfOrder(helper(), orderId, (event) => event['detail-type'] === 'OrderConfirmed');
    expect(confirmed).toHaveProperty('detail-type', 'OrderConfirmed');
    // The tool's one way to see that nothing else comes: read until a 5 s poll finds nothing.
    const rest = await remainingEvents(helper());
    expect(rest.filter((event) => event['detail-type'] === 'OrderRejected' && event.detail.orderId === orderId)).toEqual([]);
  }, 30_000);
});
