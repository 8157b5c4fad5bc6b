/**
 * Memory stays bounded however many events a file captures: the store keeps at most
 * `maxStoredEvents` events (warning once when it starts forgetting) and the ids of at most twice
 * as many for deduplication.
 *
 * 100,000 events through the emulator's EventBridge would take hours (it delivers about one
 * event per 0.1 s), so the volume runs through the EventStore itself, in a child Node process
 * started with --expose-gc so the heap can be measured after a full collection; the consumer
 * path is shown on a real queue with 2,000 messages sent straight into it.
 */
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { SendMessageBatchCommand } from '@aws-sdk/client-sqs';
import { createAwsClients, destroyAwsClients } from '../../src/aws/awsClients';
import { CaptureSession } from '../../src/session/CaptureSession';
import { createEventBridgeHandle } from '../../src/handle/createEventBridgeHandle';
import type { EventBridgeEvent } from '../../src/core/events/envelope';
import { validateOptions } from '../../src/session/options/validateOptions';
import { systemClock } from '../../src/core/store/clock';
import { EventStore } from '../../src/core/store/eventStore';
import { waitForVerdict } from '../../src/core/store/waitForVerdict';

const endpoint = process.env.JEST_EVENTBRIDGE_TEST_ENDPOINT_RESOLVED as string;
/** The built store, as users run it (the integration project runs after `npm run build`). */
const BUILT_STORE = resolve(__dirname, '../../dist/core/store/eventStore.js');
const MB = 1024 * 1024;

jest.setTimeout(120_000);

interface HeapRun {
  readonly capacity: number;
  readonly total: number;
  /** Heap after a full GC, before the first event. */
  readonly baseline: number;
  /** Heap after a full GC every 10,000 events: [events so far, bytes]. */
  readonly checkpoints: readonly (readonly [number, number])[];
  /** Highest heap seen after any batch, without forcing GC: garbage included, as a process would see it. */
  readonly peak: number;
  readonly stats: { readonly stored: number; readonly duplicates: number; readonly forgotten: number };
  readonly warnings: readonly number[];
  readonly visible: number;
  readonly durationMs: number;
}

/**
 * Adds `total` envelopes (about 1 KB each, like a small order event) in batches of 10 (what
 * one ReceiveMessage returns) to a store of `capacity`, in a child process with --expose-gc.
 */
const CHILD = `
const { EventStore } = require(process.argv[1]);
const capacity = Number(process.argv[2]);
const total = Number(process.argv[3]);
const warnings = [];
const store = new EventStore({ now: () => performance.now(), capacity, onCapacityReached: (n) => warnings.push(n) });
store.openWindow();
const heap = () => { global.gc(); global.gc(); return process.memoryUsage().heapUsed; };
const envelope = (n) => ({
  version: '0',
  id: 'evt-' + String(n).padStart(8, '0') + '-' + 'x'.repeat(27),
  'detail-type': 'OrderPlaced',
  source: 'memory.test',
  account: '123456789012',
  time: new Date(1795000000000 + n * 1000).toISOString(),
  region: 'us-east-1',
  resources: [],
  detail: { orderId: 'o-' + n, customer: 'c-' + (n % 977), note: 'n'.repeat(800) + n, lines: [{ sku: 'SKU-' + (n % 50), qty: 1 + (n % 3) }] },
});
const started = performance.now();
const baseline = heap();
const checkpoints = [];
let peak = 0;
for (let n = 0; n < total; n += 10) {
  const batch = [];
  for (let i = n; i < n + 10 && i < total; i += 1) batch.push(envelope(i));
  store.add(batch);
  const used = process.memoryUsage().heapUsed;
  if (used > peak) peak = used;
  if ((n + 10) % 10000 === 0) checkpoints.push([n + 10, heap()]);
}
process.stdout.write(JSON.stringify({ capacity, total, baseline, checkpoints, peak, stats: store.stats, warnings, visible: store.visible().length, durationMs: performance.now() - started }));
`;

function runChild(capacity: number, total: number): Promise<HeapRun> {
  return new Promise((resolvePromise, reject) => {
    execFile(
      process.execPath,
      ['--expose-gc', '-e', CHILD, BUILT_STORE, String(capacity), String(total)],
      { maxBuffer: 10 * MB },
      (error, stdout, stderr) => {
        if (error) reject(new Error(`the memory child failed: ${error.message}\n${stderr}`));
        else resolvePromise(JSON.parse(stdout) as HeapRun);
      },
    );
  });
}

const heapAt = (run: HeapRun, events: number): number => run.checkpoints.find(([n]) => n === events)?.[1] ?? Number.NaN;

describe('bounded memory', () => {
  it('keeps the heap flat while 100,000 events flow through a store of 10,000', async () => {
    const [capped, uncapped] = await Promise.all([runChild(10_000, 100_000), runChild(100_000, 100_000)]);
    if (process.env.JEST_EVENTBRIDGE_MEMORY_REPORT) {
      const mb = (bytes: number): string => `${(bytes / MB).toFixed(1)} MB`;
      process.stderr.write(
        `capped (10,000): baseline ${mb(capped.baseline)}, peak ${mb(capped.peak)}, after GC ${capped.checkpoints.map(([n, b]) => `${n / 1000}k=${mb(b)}`).join(' ')}, ${Math.round(capped.durationMs)} ms\n` +
          `uncapped (100,000): baseline ${mb(uncapped.baseline)}, peak ${mb(uncapped.peak)}, at 100k ${mb(heapAt(uncapped, 100_000))}\n`,
      );
    }

    expect(capped.stats).toEqual({ stored: 10_000, duplicates: 0, forgotten: 90_000, rejected: 0 });
    expect(capped.visible).toBe(10_000);
    expect(capped.warnings).toEqual([10_000]);

    // From 20,000 events on, the store holds 10,000 events and 20,000 ids whatever comes next:
    // the heap after GC may wobble (V8's own bookkeeping), but must not grow with the count.
    const settled = heapAt(capped, 20_000);
    const retained = settled - capped.baseline;
    const tolerance = Math.max(2 * MB, 0.1 * retained);
    const grown = capped.checkpoints.filter(([n, bytes]) => n > 20_000 && bytes - settled > tolerance);
    expect(grown.map(([n, bytes]) => `${n} events: +${((bytes - settled) / MB).toFixed(1)} MB`)).toEqual([]);
    expect(capped.checkpoints.map(([n]) => n)).toEqual(Array.from({ length: 10 }, (_, i) => (i + 1) * 10_000));
    // The measurement can tell: without the cap the same events take several times the heap.
    expect(heapAt(uncapped, 100_000) - uncapped.baseline).toBeGreaterThan(5 * retained);
    // Even counting garbage not yet collected, the capped run peaks far below the uncapped one.
    expect(capped.peak).toBeLessThan(uncapped.peak / 2);
  });

  it('still drops a redelivery of an event it has forgotten, up to twice its capacity back', () => {
    let now = 0;
    const warnings: number[] = [];
    const store = new EventStore({ now: () => (now += 1), capacity: 1_000, onCapacityReached: (n) => warnings.push(n) });
    store.openWindow();
    const event = (n: number): EventBridgeEvent => ({
      version: '0',
      id: `evt-${n}`,
      'detail-type': 'OrderPlaced',
      source: 'memory.test',
      time: '2026-11-23T10:00:00Z',
      region: 'us-east-1',
      resources: [],
      detail: { n },
    });
    for (let n = 0; n < 10_000; n += 10) store.add(Array.from({ length: 10 }, (_, i) => event(n + i)));
    expect(store.stats).toMatchObject({ stored: 1_000, forgotten: 9_000, duplicates: 0 });
    expect(warnings).toEqual([1_000]);

    // Forgotten (only the newest 1,000 are kept) but among the newest 2,000 ids: still a duplicate.
    expect(store.add([event(8_500), event(8_001)])).toEqual([]);
    expect(store.stats.duplicates).toBe(2);
    // Older than that, the id is gone too: the price of a bounded id set, documented on the store.
    expect(store.add([event(5_000)]).map((c) => c.event.id)).toEqual(['evt-5000']);
    expect(store.stats.stored).toBe(1_000);
  });

  it('caps what the consumer stores from a real queue: 2,000 messages, maxStoredEvents 500', async () => {
    const total = 2_000;
    const warnings: string[] = [];
    const options = validateOptions({
      eventBusName: 'integration',
      endpoint,
      region: 'us-east-1',
      // The queue receives only what is sent here: no one puts this source on the bus.
      capturePattern: { source: ['memory.injected'] },
      maxStoredEvents: 500,
    });
    const capture = new CaptureSession({ options, testPath: __filename, warn: (message) => warnings.push(message) });
    const clients = createAwsClients(options);
    try {
      await capture.start();
      capture.beginTest();
      const queueUrl = createEventBridgeHandle(capture).resources.queueUrl;
      const heapBefore = process.memoryUsage().heapUsed;
      let heapPeak = heapBefore;
      const unsubscribe = capture.store.subscribe(() => {
        heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed);
      });

      const body = (n: number): string =>
        JSON.stringify({
          version: '0',
          id: `queue-${n}`,
          'detail-type': 'OrderPlaced',
          source: 'memory.injected',
          account: '123456789012',
          time: '2026-11-23T10:00:00Z',
          region: 'us-east-1',
          resources: [],
          detail: { n, note: 'n'.repeat(800) },
        });
      const consumed = (): number => capture.store.stats.stored + capture.store.stats.forgotten;
      /** Waits (on the store, against a deadline) until the consumer has taken at least `count`. */
      const consumedAtLeast = (count: number) =>
        waitForVerdict({
          store: capture.store,
          clock: systemClock,
          timeoutMs: 30_000,
          progress: () => (consumed() >= count ? 'pass' : 'pending'),
          atDeadline: () => false,
        });
      // The emulator's SQS scans the whole queue on every call, so a deep queue makes each call
      // slower: at most 4 batches are kept ahead of the consumer, as a steady producer would.
      const started = systemClock.now();
      for (let sent = 0; sent < total; sent += 10) {
        // Waits only when the consumer is behind; a wait that times out fails the test.
        const behind = sent - consumed() > 40 ? await consumedAtLeast(sent - 40) : { pass: true };
        expect(behind.pass).toBe(true);
        const output = await clients.sqs.send(
          new SendMessageBatchCommand({
            QueueUrl: queueUrl,
            Entries: Array.from({ length: 10 }, (_, i) => ({ Id: `m${i}`, MessageBody: body(sent + i) })),
          }),
        );
        expect(output.Failed ?? []).toEqual([]);
      }
      const verdict = await consumedAtLeast(total);
      unsubscribe();
      expect({ pass: verdict.pass, consumed: consumed() }).toEqual({ pass: true, consumed: total });
      expect(capture.store.stats).toMatchObject({ stored: 500, forgotten: 1_500, rejected: 0 });
      expect(createEventBridgeHandle(capture).events).toHaveLength(500);
      expect(warnings).toEqual([
        'boundedMemory.test.ts captured more than 500 events; the oldest are being forgotten (raise "maxStoredEvents" if a matcher needs them).',
      ]);
      if (process.env.JEST_EVENTBRIDGE_MEMORY_REPORT) {
        process.stderr.write(
          `consumer run: ${total} messages in ${Math.round(systemClock.now() - started)} ms, heap ${(heapBefore / MB).toFixed(1)} MB -> peak ${(heapPeak / MB).toFixed(1)} MB\n`,
        );
      }
      // A loose bound (no GC in a Jest worker): 2,000 events of 1 KB are 2 MB all told.
      expect(heapPeak - heapBefore).toBeLessThan(64 * MB);
    } finally {
      await capture.stop();
      destroyAwsClients(clients);
    }
  });
});
