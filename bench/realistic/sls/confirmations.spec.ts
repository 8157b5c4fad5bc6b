// The realistic spec, sls-test-tools variant: the same orders and checks as ../ours, written
// with the tool's EventBridge helper (a queue and rule for the bus, built once per file), its
// matchers and its AWSClient (see ./events.ts). It must run in band: the helper's queue and rule
// names are fixed per bus.
import { CONFIRMATIONS } from '../orders';
import { eventOfOrder, placeOrder, useHelper } from './events';

const helper = useHelper();

describe('order confirmations', () => {
  it.each(CONFIRMATIONS)('confirms order $orderId with its total', async ({ orderId, items, total, itemCount }) => {
    await placeOrder({ orderId, items });

    const confirmed = await eventOfOrder(helper(), orderId, (event) => event['detail-type'] === 'OrderConfirmed');
    expect(confirmed).toMatchObject({ source: 'shop.billing', detail: { orderId, total, itemCount } });
  });
});
