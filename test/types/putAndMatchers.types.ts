// Type test, checked by `npm run typecheck` (never run): each @ts-expect-error line must produce
// an error, or the check fails. The packed package's declarations get the same checks in the
// e2e consumer (test/e2e/consumer/types.ts.template).
import { eventBridge, type EventBridgeEvent } from 'jest-eventbridge';
import '../../src/runners/jest/matcherTypes';

/** Teams declare their events as interfaces, which have no index signature. */
interface OrderPlaced {
  orderId: string;
  items: Array<{ sku: string; quantity: number }>;
}
interface OrderConfirmed {
  orderId: string;
  total: number;
}

export async function putAcceptsInterfaces(order: OrderPlaced, confirmed: OrderConfirmed): Promise<void> {
  await eventBridge.put({ source: 'shop.orders', detailType: 'OrderPlaced', detail: order });
  await eventBridge.put([
    { source: 'shop.orders', detailType: 'OrderPlaced', detail: order },
    { source: 'shop.orders', detailType: 'OrderPlaced', detail: '{"orderId":"1"}' },
  ]);
  // Entries of different detail types in one call, with or without naming them.
  await eventBridge.put([
    { source: 'shop.orders', detailType: 'OrderPlaced', detail: order },
    { source: 'shop.billing', detailType: 'OrderConfirmed', detail: confirmed },
  ]);
  await eventBridge.put<OrderPlaced | OrderConfirmed>([
    { source: 'shop.orders', detailType: 'OrderPlaced', detail: order },
    { source: 'shop.billing', detailType: 'OrderConfirmed', detail: { orderId: '1', total: 9 } },
  ]);
  // A generic argument checks the detail.
  await eventBridge.put<OrderPlaced>({ source: 'shop.orders', detailType: 'OrderPlaced', detail: { orderId: '1', items: [] } });
  // @ts-expect-error the detail misses items
  await eventBridge.put<OrderPlaced>({ source: 'shop.orders', detailType: 'OrderPlaced', detail: { orderId: '1' } });
  // @ts-expect-error a detail is an object or JSON text, not a number
  await eventBridge.put({ source: 'shop.orders', detailType: 'OrderPlaced', detail: 42 });
}

export async function matchersTypedByDetail(): Promise<void> {
  // Without a type argument, a predicate's detail stays loose.
  await expect(eventBridge).toEmitEvent((event) => event.detail.anything === 1);
  // With one, it is typed.
  await expect(eventBridge).toEmitEvent<OrderConfirmed>((event) => event.detail.total > 100);
  await expect(eventBridge).toEmitEventTimes<OrderConfirmed>((event) => event.detail.orderId === '1', 1);
  await expect(eventBridge).toEmitEvents<OrderConfirmed>([(event) => event.detail.total > 0, { 'detail-type': 'OrderConfirmed' }]);
  // Or inferred from an annotated predicate.
  await expect(eventBridge).toEmitEvent((event: EventBridgeEvent<OrderConfirmed>) => event.detail.total > 100);
  // @ts-expect-error OrderConfirmed has no field totl
  await expect(eventBridge).toEmitEvent<OrderConfirmed>((event) => event.detail.totl > 100);
  // @ts-expect-error total is a number
  await expect(eventBridge).not.toEmitEvent<OrderConfirmed>((event) => event.detail.total === 'high');
}
