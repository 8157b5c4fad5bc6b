import {
  handleOrderPlaced,
  type EventBridgeEnvelope,
  type OrderPlacedDetail,
  type OutgoingEvent,
} from '../../../examples/order-service/handler';

function orderPlaced(detail: OrderPlacedDetail, overrides: Partial<EventBridgeEnvelope<OrderPlacedDetail>> = {}) {
  const envelope: EventBridgeEnvelope<OrderPlacedDetail> = {
    version: '0',
    id: 'event-1',
    'detail-type': 'OrderPlaced',
    source: 'shop.orders',
    account: '123456789012',
    time: '2024-01-01T00:00:00Z',
    region: 'us-east-1',
    resources: [],
    detail,
    ...overrides,
  };
  return envelope;
}

/** Detail as the bus will carry it, so that assertions read like event patterns. */
function decoded(events: OutgoingEvent[]) {
  return events.map((event) => ({
    source: event.Source,
    detailType: event.DetailType,
    detail: JSON.parse(event.Detail) as Record<string, unknown>,
  }));
}

describe('handleOrderPlaced', () => {
  it('confirms a valid order and reserves each item, carrying the correlation id everywhere', () => {
    const events = handleOrderPlaced(
      orderPlaced({
        orderId: '42',
        items: [
          { sku: 'book', quantity: 2, price: 12.5 },
          { sku: 'pen', quantity: 1, price: 1.2 },
        ],
        metadata: { correlationId: 'corr-1' },
      }),
    );

    expect(decoded(events)).toEqual([
      {
        source: 'shop.billing',
        detailType: 'OrderConfirmed',
        detail: { orderId: '42', total: 26.2, itemCount: 3, metadata: { correlationId: 'corr-1' } },
      },
      {
        source: 'shop.inventory',
        detailType: 'ItemReserved',
        detail: { orderId: '42', sku: 'book', quantity: 2, metadata: { correlationId: 'corr-1' } },
      },
      {
        source: 'shop.inventory',
        detailType: 'ItemReserved',
        detail: { orderId: '42', sku: 'pen', quantity: 1, metadata: { correlationId: 'corr-1' } },
      },
    ]);
  });

  it('totals in whole cents, so that binary fractions do not leak into the bill', () => {
    const [confirmed] = decoded(
      handleOrderPlaced(
        orderPlaced({
          orderId: '7',
          items: [
            { sku: 'a', quantity: 1, price: 0.1 },
            { sku: 'b', quantity: 1, price: 0.2 },
          ],
        }),
      ),
    );
    expect(confirmed?.detail.total).toBe(0.3);
  });

  it('rejects an order without items', () => {
    const events = handleOrderPlaced(orderPlaced({ orderId: '1', items: [], metadata: { correlationId: 'corr-2' } }));
    expect(decoded(events)).toEqual([
      {
        source: 'shop.billing',
        detailType: 'OrderRejected',
        detail: { orderId: '1', reason: 'NO_ITEMS', metadata: { correlationId: 'corr-2' } },
      },
    ]);
  });

  it.each([0, -1, Number.NaN])('rejects an order with an item of quantity %p and reserves nothing', (quantity) => {
    const events = decoded(
      handleOrderPlaced(
        orderPlaced({
          orderId: '2',
          items: [
            { sku: 'ok', quantity: 1, price: 1 },
            { sku: 'bad', quantity, price: 1 },
          ],
        }),
      ),
    );
    expect(events).toEqual([{ source: 'shop.billing', detailType: 'OrderRejected', detail: { orderId: '2', reason: 'INVALID_QUANTITY' } }]);
  });

  it('rejects an order whose items are missing from the wire data', () => {
    // The detail comes from JSON: a sender can omit a field its type says is there.
    const detail = JSON.parse('{"orderId":"3"}') as OrderPlacedDetail;
    expect(decoded(handleOrderPlaced(orderPlaced(detail)))[0]?.detail).toEqual({ orderId: '3', reason: 'NO_ITEMS' });
  });

  it('emits no metadata when the order had no correlation id, and passes on nothing else of it', () => {
    const withoutId = decoded(handleOrderPlaced(orderPlaced({ orderId: '5', items: [{ sku: 'x', quantity: 1, price: 1 }], metadata: {} })));
    expect(withoutId.map((event) => event.detail)).toEqual([
      { orderId: '5', total: 1, itemCount: 1 },
      { orderId: '5', sku: 'x', quantity: 1 },
    ]);

    const extra = { correlationId: 'corr-3', traceParent: 'internal' } as OrderPlacedDetail['metadata'];
    const [confirmed] = decoded(
      handleOrderPlaced(orderPlaced({ orderId: '6', items: [{ sku: 'x', quantity: 1, price: 1 }], metadata: extra })),
    );
    expect(confirmed?.detail.metadata).toEqual({ correlationId: 'corr-3' });
  });

  it.each([
    { source: 'shop.billing', 'detail-type': 'OrderPlaced' },
    { source: 'shop.orders', 'detail-type': 'OrderCancelled' },
  ])('ignores events other than OrderPlaced from shop.orders: %p', (overrides) => {
    const events = handleOrderPlaced(orderPlaced({ orderId: '9', items: [{ sku: 'x', quantity: 1, price: 1 }] }, overrides));
    expect(events).toEqual([]);
  });
});
