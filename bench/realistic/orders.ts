/**
 * The orders both variants of the realistic spec place, with what the example order service
 * (examples/order-service) must answer. Shared, so that the two variants check the same facts.
 * Order ids are unique across the suite: the sls-test-tools variant tells its events apart by them.
 */

export interface OrderItem {
  readonly sku: string;
  readonly quantity: number;
  readonly price: number;
}

export interface Confirmation {
  readonly orderId: string;
  readonly items: readonly OrderItem[];
  readonly total: number;
  readonly itemCount: number;
}

export interface Rejection {
  readonly orderId: string;
  /** `null` quantities arrive as JSON null: what a client sending NaN would put on the wire. */
  readonly items: readonly { readonly sku: string; readonly quantity: number | null; readonly price: number }[];
  readonly reason: 'NO_ITEMS' | 'INVALID_QUANTITY';
}

export const ORDERS_SOURCE = 'shop.orders';
export const ORDER_PLACED = 'OrderPlaced';

export const CONFIRMATIONS: readonly Confirmation[] = [
  { orderId: 'c-1', items: [{ sku: 'TEA-1', quantity: 2, price: 4.5 }], total: 9, itemCount: 2 },
  { orderId: 'c-2', items: [{ sku: 'MUG-2', quantity: 1, price: 12 }], total: 12, itemCount: 1 },
  { orderId: 'c-3', items: [{ sku: 'TEA-1', quantity: 1, price: 4.5 }, { sku: 'MUG-2', quantity: 1, price: 12 }], total: 16.5, itemCount: 2 },
  { orderId: 'c-4', items: [{ sku: 'POT-3', quantity: 3, price: 19.99 }], total: 59.97, itemCount: 3 },
  { orderId: 'c-5', items: [{ sku: 'CUP-4', quantity: 4, price: 0.1 }, { sku: 'CUP-5', quantity: 2, price: 0.2 }], total: 0.8, itemCount: 6 },
];

export const RESERVATIONS: readonly { readonly orderId: string; readonly items: readonly OrderItem[] }[] = [
  { orderId: 'r-1', items: [{ sku: 'TEA-1', quantity: 1, price: 4.5 }] },
  { orderId: 'r-2', items: [{ sku: 'TEA-1', quantity: 1, price: 4.5 }, { sku: 'MUG-2', quantity: 2, price: 12 }] },
  { orderId: 'r-3', items: [{ sku: 'POT-3', quantity: 1, price: 19.99 }, { sku: 'CUP-4', quantity: 6, price: 2 }] },
  { orderId: 'r-4', items: [{ sku: 'TEA-1', quantity: 3, price: 4.5 }, { sku: 'MUG-2', quantity: 1, price: 12 }, { sku: 'POT-3', quantity: 1, price: 19.99 }] },
  { orderId: 'r-5', items: [{ sku: 'CUP-5', quantity: 1, price: 0.2 }] },
];

export const REJECTIONS: readonly Rejection[] = [
  { orderId: 'x-1', items: [], reason: 'NO_ITEMS' },
  { orderId: 'x-2', items: [{ sku: 'TEA-1', quantity: 0, price: 4.5 }], reason: 'INVALID_QUANTITY' },
  { orderId: 'x-3', items: [{ sku: 'TEA-1', quantity: -1, price: 4.5 }], reason: 'INVALID_QUANTITY' },
  { orderId: 'x-4', items: [{ sku: 'TEA-1', quantity: 1, price: 4.5 }, { sku: 'MUG-2', quantity: null, price: 12 }], reason: 'INVALID_QUANTITY' },
  { orderId: 'x-5', items: [], reason: 'NO_ITEMS' },
];

/** The orders of the fourth file, one per test. */
export const SEQUENCING = {
  ordered: { orderId: 's-1', items: [{ sku: 'TEA-1', quantity: 1, price: 4.5 }] },
  itemCount: { orderId: 's-2', items: [{ sku: 'TEA-1', quantity: 2, price: 4.5 }, { sku: 'MUG-2', quantity: 1, price: 12 }] },
  cents: { orderId: 's-3', items: [{ sku: 'CUP-4', quantity: 1, price: 0.1 }, { sku: 'CUP-5', quantity: 1, price: 0.2 }] },
  quantity: { orderId: 's-4', items: [{ sku: 'POT-3', quantity: 5, price: 19.99 }] },
  valid: { orderId: 's-5', items: [{ sku: 'MUG-2', quantity: 1, price: 12 }] },
} as const;
