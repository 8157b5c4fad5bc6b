/**
 * What the sls-test-tools variant of the realistic spec needs on top of the tool: its
 * getEvents() returns one message per call, whichever event is next on its queue, so a test reads
 * until it has the events of its own order. Every read goes through getEvents() and is checked
 * with the tool's own toHaveEvent().
 */
import { AWSClient, EventBridge, type SlsEventBridge } from 'sls-test-tools';
import { ORDER_PLACED, ORDERS_SOURCE } from '../orders';

/** An event as the tool's queue holds it (the envelope EventBridge delivered). */
export interface Envelope {
  readonly source: string;
  readonly 'detail-type': string;
  readonly detail: { readonly orderId?: string; readonly [field: string]: unknown };
}

/**
 * The tool's helper for this file: built once (a queue and a rule on the bus), destroyed after the
 * last test, and cleared before each test, since events earlier tests did not read would otherwise
 * be read first. Call at the top of a spec file; the getter gives the helper inside tests.
 */
export function useHelper(): () => SlsEventBridge {
  let helper: SlsEventBridge | undefined;
  const built = (): SlsEventBridge => {
    if (helper === undefined) throw new Error('the sls-test-tools helper is not built: its beforeAll failed');
    return helper;
  };
  beforeAll(async () => {
    helper = await EventBridge.build('orders');
  });
  afterAll(async () => {
    await helper?.destroy();
  });
  beforeEach(async () => {
    await built().clear();
  });
  return built;
}

/** Upper bound on reads for one test, so that a wrong expectation fails instead of polling on. */
const MAX_READS = 20;

const eventBridge = new AWSClient.EventBridge();

/**
 * Puts an OrderPlaced on the bus with the tool's AWSClient. Not with the helper's publishEvent():
 * that reads one message off the queue afterwards to drop the published event, and when the
 * service's answer lands first (it often does, the service reacts within the same put), it drops
 * the answer instead and the test fails. The published event stays on the queue and is read past.
 */
export async function placeOrder(order: { readonly orderId: string; readonly items: readonly object[] }): Promise<void> {
  const { FailedEntryCount = 0 } = await eventBridge
    .putEvents({ Entries: [{ EventBusName: 'orders', Source: ORDERS_SOURCE, DetailType: ORDER_PLACED, Detail: JSON.stringify({ orderId: order.orderId, items: order.items }) }] })
    .promise();
  if (FailedEntryCount > 0) throw new Error(`PutEvents rejected the order ${order.orderId}`);
}

/**
 * Reads the next event, waiting up to the tool's fixed 5 s; undefined when none came. (The
 * tool's toHaveEvent() passes either way: it only checks that getEvents() returned.)
 */
export async function nextEvent(helper: SlsEventBridge): Promise<Envelope | undefined> {
  const received = await helper.getEvents();
  expect(received).toHaveEvent();
  const body = received.Messages?.[0]?.Body;
  return body === undefined ? undefined : (JSON.parse(body) as Envelope);
}

/**
 * The service's events for `orderId`, read until `enough` holds for them. Events of other orders
 * (left over from earlier tests) and the test's own OrderPlaced are read past.
 */
export async function eventsOfOrder(helper: SlsEventBridge, orderId: string, enough: (events: readonly Envelope[]) => boolean): Promise<Envelope[]> {
  const mine: Envelope[] = [];
  for (let reads = 0; reads < MAX_READS && !enough(mine); reads += 1) {
    const event = await nextEvent(helper);
    if (event === undefined) break;
    if (event.detail.orderId === orderId && event.source !== ORDERS_SOURCE) mine.push(event);
  }
  return mine;
}

/** The first of the service's events for `orderId` that `wanted` accepts. */
export async function eventOfOrder(helper: SlsEventBridge, orderId: string, wanted: (event: Envelope) => boolean): Promise<Envelope | undefined> {
  const events = await eventsOfOrder(helper, orderId, (seen) => seen.some(wanted));
  return events.find(wanted);
}

/**
 * Everything still to come, read until a getEvents() finds nothing: the tool's only way to see
 * that an event did not come, and that last read always waits its fixed 5 s.
 */
export async function remainingEvents(helper: SlsEventBridge): Promise<Envelope[]> {
  const rest: Envelope[] = [];
  for (let reads = 0; reads < MAX_READS; reads += 1) {
    const event = await nextEvent(helper);
    if (event === undefined) break;
    rest.push(event);
  }
  return rest;
}
