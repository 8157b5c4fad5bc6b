import { RESERVATIONS } from '../orders';
import { eventsOfOrder, placeOrder, useHelper } from './events';

const helper = useHelper();

describe('stock reservations', () => {
  it.each(RESERVATIONS)('reserves every item of order $orderId', async ({ orderId, items }) => {
    await placeOrder({ orderId, items });

    const reserved = (await eventsOfOrder(helper(), orderId, (events) => events.filter((event) => event['detail-type'] === 'ItemReserved').length >= items.length)).filter(
      (event) => event['detail-type'] === 'ItemReserved',
    );
    expect(reserved.map((event) => event.detail)).toEqual(expect.arrayContaining(items.map(({ sku, quantity }) => expect.objectContaining({ orderId, sku, quantity }))));
    expect(reserved.every((event) => event.source === 'shop.inventory')).toBe(true);
  });
});
