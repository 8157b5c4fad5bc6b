/**
 * The business logic of the example order service: what it emits for an order that was placed.
 * Pure (no AWS calls), so it can be unit-tested alone; service.ts wires it to EventBridge.
 */

/** An event as EventBridge delivers it to a target (an SQS message body, here). */
export interface EventBridgeEnvelope<TDetail> {
  readonly version: string;
  readonly id: string;
  readonly 'detail-type': string;
  readonly source: string;
  readonly account: string;
  readonly time: string;
  readonly region: string;
  readonly resources: readonly string[];
  readonly detail: TDetail;
}

/** Tracing data that travels with an order through every service. */
export interface EventMetadata {
  readonly correlationId?: string;
}

export interface OrderItem {
  readonly sku: string;
  readonly quantity: number;
  readonly price: number;
}

export interface OrderPlacedDetail {
  readonly orderId: string;
  readonly items: readonly OrderItem[];
  readonly metadata?: EventMetadata;
}

export type RejectionReason = 'NO_ITEMS' | 'INVALID_QUANTITY';

/** The fields of a PutEvents entry the handler decides; the service adds the bus name. */
export interface OutgoingEvent {
  readonly Source: string;
  readonly DetailType: string;
  /** JSON text, as PutEvents wants it. */
  readonly Detail: string;
}

export const ORDERS_SOURCE = 'shop.orders';
export const ORDER_PLACED = 'OrderPlaced';
export const BILLING_SOURCE = 'shop.billing';
export const INVENTORY_SOURCE = 'shop.inventory';

/**
 * For an OrderPlaced event: OrderConfirmed and one ItemReserved per item, or OrderRejected.
 * Every event carries the incoming correlation id, so a test can tell the events its own order
 * caused from those of other tests sharing the bus.
 */
export function handleOrderPlaced(event: EventBridgeEnvelope<OrderPlacedDetail>): OutgoingEvent[] {
  if (event.source !== ORDERS_SOURCE || event['detail-type'] !== ORDER_PLACED) return [];
  const { orderId, items } = event.detail;
  const metadata = propagatedMetadata(event.detail.metadata);

  const reason = rejectionReason(items);
  if (reason !== undefined) {
    return [outgoing(BILLING_SOURCE, 'OrderRejected', { orderId, reason, ...metadata })];
  }
  return [
    outgoing(BILLING_SOURCE, 'OrderConfirmed', {
      orderId,
      total: orderTotal(items),
      itemCount: items.reduce((count, item) => count + item.quantity, 0),
      ...metadata,
    }),
    ...items.map(({ sku, quantity }) => outgoing(INVENTORY_SOURCE, 'ItemReserved', { orderId, sku, quantity, ...metadata })),
  ];
}

function isItemList(value: unknown): value is readonly OrderItem[] {
  return Array.isArray(value);
}

// The detail arrives as JSON from another service, so its shape is checked, not trusted.
function rejectionReason(items: readonly OrderItem[] | undefined): RejectionReason | undefined {
  if (!isItemList(items) || items.length === 0) return 'NO_ITEMS';
  const valid = items.every((item) => Number.isFinite(item.quantity) && item.quantity > 0);
  return valid ? undefined : 'INVALID_QUANTITY';
}

/** In whole cents, so that 0.1 + 0.2 bills as 0.3. */
function orderTotal(items: readonly OrderItem[]): number {
  const cents = items.reduce((sum, item) => sum + Math.round(item.price * 100) * item.quantity, 0);
  return cents / 100;
}

/** Only the correlation id travels on: other metadata belongs to the service that wrote it. */
function propagatedMetadata(metadata: EventMetadata | undefined): { metadata?: EventMetadata } {
  const correlationId = metadata?.correlationId;
  return correlationId === undefined ? {} : { metadata: { correlationId } };
}

function outgoing(source: string, detailType: string, detail: object): OutgoingEvent {
  return { Source: source, DetailType: detailType, Detail: JSON.stringify(detail) };
}
