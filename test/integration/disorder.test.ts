/**
 * Duplicates and disorder, injected straight into a real capture queue: envelopes with chosen
 * ids and `time`s are sent with SendMessage(Batch), shuffled and repeated, as SQS (at least once,
 * no order) and EventBridge (at least once) may deliver them. Counts must stay exact, and
 * `ordered: true` must follow EventBridge's `time`, then arrival, never arrival alone.
 */
import { SendMessageBatchCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import { createAwsClients, destroyAwsClients, type AwsClients } from '../../src/aws/awsClients';
import { CaptureSession } from '../../src/session/CaptureSession';
import { createEventBridgeHandle } from '../../src/handle/createEventBridgeHandle';
import type { EventBridgeEvent } from '../../src/core/events/envelope';
import '../../src/runners/jest/matcherTypes';
import { validateOptions } from '../../src/session/options/validateOptions';
import { systemClock } from '../../src/core/store/clock';

const endpoint = process.env.JEST_EVENTBRIDGE_TEST_ENDPOINT_RESOLVED as string;
/** Nobody puts this source: the capture rule forwards nothing, so the queue holds only what is sent here. */
const SOURCE = 'disorder.injected';
const ARRIVAL_MS = 10_000;

function envelope(id: string, detailType: string, time: string, detail: Record<string, unknown> = {}): EventBridgeEvent {
  return {
    version: '0',
    id,
    'detail-type': detailType,
    source: SOURCE,
    account: '123456789012',
    time,
    region: 'us-east-1',
    resources: [],
    detail,
  };
}

/** Fisher–Yates with a seeded PRNG (mulberry32): the same shuffle on every run. */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  let state = seed >>> 0;
  const random = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = [...items];
  for (let i = out.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

/**
 * Waits until `done` holds, or fails at the deadline. Re-checked whenever the store takes new
 * events, and on a short tick besides: a dropped duplicate adds nothing, so it wakes no store
 * listener, and only the store's counters show that it was received.
 */
async function until(capture: CaptureSession, what: string, done: () => boolean): Promise<void> {
  const deadline = systemClock.now() + ARRIVAL_MS;
  while (!done()) {
    if (systemClock.now() >= deadline)
      throw new Error(`${what} did not happen within ${ARRIVAL_MS} ms (store: ${JSON.stringify(capture.store.stats)})`);
    await new Promise<void>((resolve) => {
      const wake = (): void => {
        unsubscribe();
        systemClock.clearTimeout(timer);
        resolve();
      };
      const unsubscribe = capture.store.subscribe(wake);
      const timer = systemClock.setTimeout(wake, 20);
    });
  }
}

describe('duplicates and disorder in the capture queue', () => {
  let capture: CaptureSession;
  let clients: AwsClients;
  let queueUrl: string;

  beforeAll(async () => {
    const options = validateOptions({ eventBusName: 'integration', endpoint, region: 'us-east-1', capturePattern: { source: [SOURCE] } });
    capture = new CaptureSession({ options, testPath: __filename, warn: () => undefined });
    clients = createAwsClients(options);
    try {
      await capture.start();
    } catch (error) {
      await capture.stop();
      throw error;
    }
    queueUrl = createEventBridgeHandle(capture).resources.queueUrl ?? '';
  });

  afterAll(async () => {
    await capture?.stop();
    if (clients) destroyAwsClients(clients);
  });

  beforeEach(() => capture.beginTest());
  afterEach(() => capture.endTest());

  /** Sends bodies in batches of 10, in the order given: the same body may appear more than once. */
  async function sendAll(events: readonly EventBridgeEvent[]): Promise<void> {
    for (let start = 0; start < events.length; start += 10) {
      const batch = events.slice(start, start + 10);
      const output = await clients.sqs.send(
        new SendMessageBatchCommand({
          QueueUrl: queueUrl,
          Entries: batch.map((event, index) => ({ Id: `m${start + index}`, MessageBody: JSON.stringify(event) })),
        }),
      );
      expect(output.Failed ?? []).toEqual([]);
    }
  }

  /** Sends one envelope and waits until the store has it, so arrival order is the send order. */
  async function arriveInTurn(event: EventBridgeEvent): Promise<void> {
    await clients.sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: JSON.stringify(event) }));
    await until(capture, `arrival of ${event.id}`, () => capture.store.visible().some((c) => c.event.id === event.id));
  }

  it('counts shuffled, repeated deliveries exactly once per event id', async () => {
    const kinds = [
      { type: 'ItemReserved', count: 8 },
      { type: 'PaymentTaken', count: 7 },
      { type: 'OrderShipped', count: 5 },
    ];
    const distinct = kinds.flatMap(({ type, count }) =>
      Array.from({ length: count }, (_, n) => envelope(`dup-${type}-${n}`, type, `2026-11-23T10:00:${String(n).padStart(2, '0')}Z`, { n })),
    );
    // Every third event twice more, every fifth once more: 20 events, 35 messages.
    const repeats = distinct.flatMap((event, index) => [...(index % 3 === 0 ? [event, event] : []), ...(index % 5 === 0 ? [event] : [])]);
    const messages = shuffled([...distinct, ...repeats], 7);
    expect(messages).toHaveLength(distinct.length + repeats.length);
    const duplicatesBefore = capture.store.stats.duplicates;

    await sendAll(messages);
    // Duplicates wake no one (nothing new arrived), so wait for the last distinct event and
    // then for the duplicate count, both against a deadline.
    await until(capture, 'arrival of every distinct event', () => capture.store.visible().length === distinct.length);
    await until(capture, 'receipt of every repeated message', () => capture.store.stats.duplicates - duplicatesBefore >= repeats.length);

    for (const { type, count } of kinds) {
      await expect(createEventBridgeHandle(capture)).toEmitEventTimes({ 'detail-type': type }, count, { timeout: 1 });
    }
    expect(capture.store.stats.duplicates - duplicatesBefore).toBe(repeats.length);
    expect(
      createEventBridgeHandle(capture)
        .events.map((event) => event.id)
        .sort(),
    ).toEqual(distinct.map((event) => event.id).sort());
    // Two events are needed for [X, X]: one id delivered three times is still one event.
    await expect(createEventBridgeHandle(capture)).not.toEmitEvents([{ id: 'dup-OrderShipped-0' }, { id: 'dup-OrderShipped-0' }], {
      timeout: 1,
    });
  });

  it('orders by EventBridge time, whatever order the queue delivered in', async () => {
    // Arrival: Delivered, Packed, Shipped. Event time: Packed, Shipped, Delivered.
    const packed = envelope('order-packed', 'Packed', '2026-11-23T10:00:01Z');
    const shipped = envelope('order-shipped', 'Shipped', '2026-11-23T10:00:02Z');
    const delivered = envelope('order-delivered', 'Delivered', '2026-11-23T10:00:03Z');
    for (const event of [delivered, packed, shipped]) await arriveInTurn(event);
    // A late redelivery of the earliest event changes nothing: the first arrival is the one kept.
    const duplicatesBefore = capture.store.stats.duplicates;
    await sendAll([packed]);
    await until(capture, 'the redelivery of Packed', () => capture.store.stats.duplicates > duplicatesBefore);

    expect(createEventBridgeHandle(capture).events.map((event) => event['detail-type'])).toEqual(['Delivered', 'Packed', 'Shipped']);
    await expect(createEventBridgeHandle(capture)).toEmitEvents(
      [{ 'detail-type': 'Packed' }, { 'detail-type': 'Shipped' }, { 'detail-type': 'Delivered' }],
      {
        ordered: true,
        timeout: 1,
      },
    );
    // In arrival order, or in any other order than time's, the events are not "in order".
    await expect(createEventBridgeHandle(capture)).not.toEmitEvents([{ 'detail-type': 'Delivered' }, { 'detail-type': 'Packed' }], {
      ordered: true,
      timeout: 1,
    });
    await expect(createEventBridgeHandle(capture)).not.toEmitEvents([{ 'detail-type': 'Shipped' }, { 'detail-type': 'Packed' }], {
      ordered: true,
      timeout: 1,
    });
    // Unordered, any order is fine.
    await expect(createEventBridgeHandle(capture)).toEmitEvents([{ 'detail-type': 'Delivered' }, { 'detail-type': 'Packed' }], {
      timeout: 1,
    });
  });

  it('breaks ties of equal time (one-second resolution) by arrival', async () => {
    const time = '2026-11-23T11:00:00Z';
    const first = envelope('tie-first', 'Reserved', time, { step: 1 });
    const second = envelope('tie-second', 'Reserved', time, { step: 2 });
    // An earlier time that arrives last still sorts first.
    const earlier = envelope('tie-earlier', 'Requested', '2026-11-23T10:59:59Z');
    for (const event of [first, second, earlier]) await arriveInTurn(event);

    await expect(createEventBridgeHandle(capture)).toEmitEvents(
      [{ 'detail-type': 'Requested' }, { detail: { step: 1 } }, { detail: { step: 2 } }],
      {
        ordered: true,
        timeout: 1,
      },
    );
    await expect(createEventBridgeHandle(capture)).not.toEmitEvents([{ detail: { step: 2 } }, { detail: { step: 1 } }], {
      ordered: true,
      timeout: 1,
    });
    await expect(createEventBridgeHandle(capture)).toEmitEventTimes({ 'detail-type': 'Reserved' }, 2, { timeout: 1 });
  });
});
