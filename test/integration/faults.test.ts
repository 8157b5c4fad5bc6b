/**
 * The capture under injected AWS faults: every call it makes (STS, SQS, EventBridge) goes
 * through the fault proxy, which throttles, answers 500 and 503, drops connections and loses
 * answers after the emulator acted on the request. The SDK clients retry deliberately
 * ('standard' mode, 10 attempts), and the suite checks what a user relies on: no event lost,
 * none counted twice, and a teardown that still removes everything.
 *
 * One fault is kept out of the exact-count suites and tested on its own: a PutEvents whose
 * answer is lost after EventBridge accepted it. The SDK's retry then puts the events again, and
 * EventBridge gives the copies new event ids (PutEvents is not idempotent), so no id-based
 * deduplication can tell them apart. The last describe shows that the copy is delivered and
 * counted, as it would be against AWS, next to the two other answers lost after the fact: a
 * receive (its messages come back after the visibility timeout) and a delete (the retry is moot).
 */
import type { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import type { SQSClient } from '@aws-sdk/client-sqs';
import { createAwsClients, destroyAwsClients, type AwsClients } from '../../src/aws/awsClients';
import { CaptureSession } from '../../src/session/CaptureSession';
import { createEventBridgeHandle } from '../../src/handle/createEventBridgeHandle';
import { eventPattern } from '../../src/core/expectations/eventPattern';
import '../../src/runners/jest/matcherTypes';
import { validateOptions } from '../../src/session/options/validateOptions';
import { systemClock } from '../../src/core/store/clock';
import { waitForVerdict } from '../../src/core/store/waitForVerdict';
import { ALL_FAULT_KINDS, startFaultProxy, type FaultKind, type FaultProxy } from '../support/faultProxy';
import { listCaptureResources } from './support/leftovers';

const target = process.env.JEST_EVENTBRIDGE_TEST_ENDPOINT_RESOLVED as string;
/** Its own bus: exact counts of long batches must not meet moto's rule-change race (globalSetup.ts). */
const BUS = 'faults';
const SOURCE_PREFIX = 'faults.';

/**
 * SDK attempts per call. At a 40% fault rate a call fails all 10 attempts with probability
 * 0.4^10 (1 in 10,000); the default of 5 (1 in 100) would make the suite flaky at that rate.
 */
const MAX_ATTEMPTS = 10;
/** How long a spec waits for the events it put to arrive; retries with backoff take a while. */
const ARRIVAL_MS = 45_000;
/**
 * How long an exact count watches for one too many after everything arrived: longer than the
 * consumer's visibility timeout (5 s), so a message whose delete was lost has been redelivered
 * (and dropped as a duplicate) before the count is confirmed.
 */
const SETTLE_MS = 7_000;

/** Every fault that never reaches EventBridge, so a retried PutEvents cannot deliver twice. */
const FAULTS_BEFORE_FORWARD: FaultKind[] = ALL_FAULT_KINDS.filter((kind) => kind !== 'reset-after-forward');

jest.setTimeout(120_000);

interface FaultRig {
  /** Every call but PutEvents: all five fault kinds. */
  readonly proxy: FaultProxy;
  /** PutEvents only, so its faults can be chosen apart from the rest. */
  readonly putEventsProxy: FaultProxy;
  readonly clients: AwsClients;
  /** Makes the next `count` DeleteMessageBatch calls fail as if every retry had been lost. */
  loseDeletes(count: number): void;
  /** Resolves once a ReceiveMessage answer has carried the event with this id `times` times. */
  received(eventId: string, times: number): Promise<void>;
  /** How many ReceiveMessage answers have carried the event with this id so far. */
  receipts(eventId: string): number;
  close(): Promise<void>;
}

/**
 * Sends one operation of an SDK client to another endpoint, per attempt (retries included).
 * Runs after signing, so the signature (which covers the Host header, not the port) is unchanged.
 */
function routeOperation(client: EventBridgeClient, commandName: string, endpoint: string): void {
  const port = Number(new URL(endpoint).port);
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const request = args.request as { port?: number } | undefined;
      if (context.commandName === commandName && request) request.port = port;
      return next(args);
    },
    { step: 'deserialize', name: `route${commandName}` },
  );
}

function envelopeId(body: string | undefined): string | undefined {
  try {
    const value: unknown = JSON.parse(body ?? '');
    const id = typeof value === 'object' && value !== null ? (value as { id?: unknown }).id : undefined;
    return typeof id === 'string' ? id : undefined;
  } catch {
    return undefined;
  }
}

/** Watches the consumer's receives and can fail its deletes, from outside the library. */
function instrumentSqs(sqs: SQSClient): Pick<FaultRig, 'loseDeletes' | 'received' | 'receipts'> {
  let deletesToLose = 0;
  const seen = new Map<string, number>();
  const waiters = new Set<() => void>();
  sqs.middlewareStack.add(
    (next, context) => async (args) => {
      if (context.commandName === 'DeleteMessageBatchCommand' && deletesToLose > 0) {
        deletesToLose -= 1;
        // What the consumer sees once the SDK has used up its attempts: an error, no delete.
        throw Object.assign(new Error('simulated: every DeleteMessageBatch attempt was lost'), { name: 'RequestTimeout' });
      }
      const result = await next(args);
      if (context.commandName === 'ReceiveMessageCommand') {
        const messages = (result.output as { Messages?: { Body?: string }[] }).Messages ?? [];
        for (const message of messages) {
          const id = envelopeId(message.Body);
          if (id !== undefined) seen.set(id, (seen.get(id) ?? 0) + 1);
        }
        for (const wake of [...waiters]) wake();
      }
      return result;
    },
    { step: 'initialize', name: 'instrumentSqs' },
  );
  return {
    loseDeletes: (count) => {
      deletesToLose = count;
    },
    receipts: (eventId) => seen.get(eventId) ?? 0,
    received: (eventId, times) =>
      new Promise<void>((resolve, reject) => {
        const check = (): void => {
          if ((seen.get(eventId) ?? 0) >= times) {
            finish();
            resolve();
          }
        };
        const timer = systemClock.setTimeout(() => {
          finish();
          reject(new Error(`event ${eventId} was not received ${times} times within ${ARRIVAL_MS} ms (seen ${seen.get(eventId) ?? 0})`));
        }, ARRIVAL_MS);
        const finish = (): void => {
          waiters.delete(check);
          systemClock.clearTimeout(timer);
        };
        waiters.add(check);
        check();
      }),
  };
}

async function faultRig(rate: number, seed: number): Promise<FaultRig> {
  const proxy = await startFaultProxy(target, { rate, seed, latencyMs: 2, jitterMs: 3 });
  const putEventsProxy = await startFaultProxy(target, { rate, seed: seed + 1, faults: FAULTS_BEFORE_FORWARD, latencyMs: 2, jitterMs: 3 });
  // Deliberate retries: 'standard' mode (exponential backoff with jitter, longer for throttling)
  // and enough attempts for the fault rate. Every client's endpoint is the proxy.
  const clients = createAwsClients(
    validateOptions({ eventBusName: BUS, endpoint: proxy.endpoint, region: 'us-east-1', maxAttempts: MAX_ATTEMPTS, retryMode: 'standard' }),
  );
  routeOperation(clients.eventBridge, 'PutEventsCommand', putEventsProxy.endpoint);
  return {
    proxy,
    putEventsProxy,
    clients,
    ...instrumentSqs(clients.sqs),
    close: async () => {
      destroyAwsClients(clients);
      await Promise.all([proxy.close(), putEventsProxy.close()]);
    },
  };
}

function captureOver(rig: FaultRig, source: string): CaptureSession {
  const options = validateOptions({
    eventBusName: BUS,
    endpoint: rig.proxy.endpoint,
    region: 'us-east-1',
    maxAttempts: MAX_ATTEMPTS,
    // Only this rate's events (each rate puts with its own source): nothing else is counted.
    capturePattern: { source: [source] },
    readinessTimeout: 60_000,
  });
  return new CaptureSession({ options, testPath: __filename, clients: rig.clients, warn: () => undefined });
}

/** A started capture over the rig; one whose start fails is stopped, so nothing is left. */
async function startedCapture(rig: FaultRig, source: string): Promise<CaptureSession> {
  const capture = captureOver(rig, source);
  try {
    await capture.start();
  } catch (error) {
    await capture.stop();
    throw error;
  }
  return capture;
}

/** Waits until every id is in the current scope (or fails at the deadline). */
async function allArrive(capture: CaptureSession, ids: readonly string[]): Promise<void> {
  const verdict = await waitForVerdict({
    store: capture.store,
    clock: systemClock,
    timeoutMs: ARRIVAL_MS,
    progress: (events) => {
      const seen = new Set(events.map((c) => c.event.id));
      return ids.every((id) => seen.has(id)) ? 'pass' : 'pending';
    },
    atDeadline: () => false,
  });
  if (!verdict.pass) {
    const seen = new Set(verdict.events.map((c) => c.event.id));
    throw new Error(`${ids.filter((id) => !seen.has(id)).length} of ${ids.length} events put never arrived within ${ARRIVAL_MS} ms`);
  }
}

/** The ids in the current scope that came from this source, each as often as it is stored. */
function storedIds(capture: CaptureSession, source: string): string[] {
  return capture.store
    .visible()
    .filter((c) => c.event.source === source)
    .map((c) => c.event.id)
    .sort();
}

async function expectNothingLeft(capture: CaptureSession): Promise<void> {
  // Listed directly on the emulator, not through the proxy: the check must not be faulted.
  const left = await listCaptureResources(target, [BUS], capture.names.resourceName);
  expect(left).toEqual({ queues: [], rules: [] });
}

/**
 * The rates to survive. JEST_EVENTBRIDGE_FAULT_RATES (e.g. "0.5,0.6") tries others; the seed
 * follows from the rate, so a failing rate can be replayed.
 */
const RATES = (process.env.JEST_EVENTBRIDGE_FAULT_RATES ?? '0.2,0.4').split(',').map(Number);

describe.each(RATES.map((rate) => ({ rate, seed: 10_000 + Math.round(rate * 1000) })))(
  'with $rate of every AWS call faulted (seed $seed)',
  ({ rate, seed }) => {
    const source = `${SOURCE_PREFIX}r${Math.round(rate * 100)}`;
    let rig: FaultRig;
    let capture: CaptureSession;

    beforeAll(async () => {
      rig = await faultRig(rate, seed);
      capture = await startedCapture(rig, source);
    });

    afterAll(async () => {
      // Normally already stopped by the last spec; stop() is idempotent.
      await capture?.stop();
      await rig?.close();
    });

    beforeEach(() => capture.beginTest());
    afterEach(() => capture.endTest());

    it('counts each of 10 single puts exactly once', async () => {
      const ids: string[] = [];
      for (let n = 0; n < 10; n += 1) {
        const [result] = await createEventBridgeHandle(capture).put({ source, detailType: 'Single', detail: { n } });
        ids.push(result?.eventId ?? '');
      }
      expect(new Set(ids).size).toBe(10);
      await allArrive(capture, ids);
      await expect(createEventBridgeHandle(capture)).toEmitEventTimes({ source, 'detail-type': 'Single' }, 10, { timeout: SETTLE_MS });
      expect(storedIds(capture, source)).toEqual([...ids].sort());
    });

    it('counts each of 25 batched puts (3 PutEvents calls) exactly once', async () => {
      const entries = Array.from({ length: 25 }, (_, n) => ({
        source,
        detailType: 'Batched',
        detail: { n, parity: n % 2 === 0 ? 'even' : 'odd' },
      }));
      const ids = (await createEventBridgeHandle(capture).put(entries)).map((r) => r.eventId);
      expect(new Set(ids).size).toBe(25);
      await allArrive(capture, ids);
      await expect(createEventBridgeHandle(capture)).toEmitEventTimes(
        eventPattern({ source: [source], detail: { parity: ['even'] } }),
        13,
        {
          timeout: SETTLE_MS,
        },
      );
      await expect(createEventBridgeHandle(capture)).toEmitEventTimes(eventPattern({ source: [source], detail: { parity: ['odd'] } }), 12, {
        timeout: 1,
      });
      expect(storedIds(capture, source)).toEqual([...ids].sort());
    });

    it('orders by event time whatever order the retries delivered in', async () => {
      const base = Date.parse('2026-11-23T10:00:00Z');
      const steps = ['Packed', 'Shipped', 'Delivered'];
      // Put last-first, so arrival order alone would be wrong.
      for (const [index, step] of [...steps.entries()].reverse()) {
        await createEventBridgeHandle(capture).put({ source, detailType: step, time: new Date(base + index * 1000) });
      }
      await expect(createEventBridgeHandle(capture)).toEmitEvents(
        steps.map((step) => ({ 'detail-type': step })),
        { ordered: true, timeout: ARRIVAL_MS },
      );
      await expect(createEventBridgeHandle(capture)).not.toEmitEvents([{ 'detail-type': 'Delivered' }, { 'detail-type': 'Packed' }], {
        ordered: true,
        timeout: 1,
      });
    });

    it('drops the redelivery of a message whose delete was lost', async () => {
      const duplicatesBefore = capture.store.stats.duplicates;
      rig.loseDeletes(1);
      const [result] = await createEventBridgeHandle(capture).put({ source, detailType: 'Redelivered' });
      const id = result?.eventId ?? '';
      // SQS hands the message out again once its visibility timeout passes.
      await rig.received(id, 2);
      await expect(createEventBridgeHandle(capture)).toEmitEventTimes({ 'detail-type': 'Redelivered' }, 1, { timeout: 1000 });
      expect(capture.store.stats.duplicates).toBeGreaterThan(duplicatesBefore);
      expect(storedIds(capture, source)).toEqual([id]);
    });

    it('injected every kind of fault, and teardown still removes everything', async () => {
      const { proxy, putEventsProxy } = rig;
      await expect(capture.stop()).resolves.toEqual({ kept: false });
      await expectNothingLeft(capture);
      const faults = proxy.stats.faults;
      const putFaults = putEventsProxy.stats.faults;
      // Not a vacuous run: every kind was injected, PutEvents included (but never after forward).
      for (const kind of ALL_FAULT_KINDS) expect(faults[kind] + putFaults[kind]).toBeGreaterThan(0);
      expect(faults['reset-after-forward']).toBeGreaterThan(0);
      expect(putFaults['reset-after-forward']).toBe(0);
      expect(Object.values(putFaults).reduce((sum, n) => sum + n, 0)).toBeGreaterThan(0);
      if (process.env.JEST_EVENTBRIDGE_FAULT_REPORT) {
        process.stderr.write(
          `faults at ${rate}: ${JSON.stringify({ proxy: proxy.stats, putEvents: putEventsProxy.stats, store: capture.store.stats })}\n`,
        );
      }
    });
  },
);

describe('an answer lost after AWS acted on the request (reset-after-forward, one call at a time)', () => {
  const source = `${SOURCE_PREFIX}lost-answer`;
  let rig: FaultRig;
  let capture: CaptureSession;

  /**
   * Loses the answer of the next request `operation` makes, once; the request itself gets through.
   * `forwarded` settles when that request has reached the proxy (and rejects after `withinMs`).
   */
  function loseNextAnswer(
    proxy: FaultProxy,
    operation: string,
    withinMs = 25_000,
  ): { readonly lost: () => boolean; readonly forwarded: Promise<void> } {
    let armed = true;
    let onForwarded: () => void = () => undefined;
    const forwarded = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ${operation} request reached the proxy within ${withinMs} ms`)), withinMs);
      onForwarded = () => {
        clearTimeout(timer);
        resolve();
      };
    });
    // Nobody awaits `forwarded` in some tests: its rejection must not be unhandled there.
    forwarded.catch(() => undefined);
    proxy.setPlan({
      rate: 1,
      faults: ['reset-after-forward'],
      match: (request) => {
        if (!armed || request.operation !== operation) return false;
        armed = false;
        onForwarded();
        return true;
      },
    });
    return { lost: () => !armed, forwarded };
  }

  beforeAll(async () => {
    rig = await faultRig(0, 1);
    capture = await startedCapture(rig, source);
  });

  afterAll(async () => {
    await capture?.stop();
    await rig?.close();
  });

  beforeEach(() => capture.beginTest());
  afterEach(() => {
    capture.endTest();
    rig.proxy.setPlan({});
    rig.putEventsProxy.setPlan({});
  });

  it('PutEvents: the SDK retry puts the events again, and both copies arrive with different ids', async () => {
    let attempts = 0;
    rig.putEventsProxy.setPlan({ rate: 1, faults: ['reset-after-forward'], match: () => (attempts += 1) === 1 });
    const [result] = await createEventBridgeHandle(capture).put({ source, detailType: 'PutOnce', detail: { orderId: 'o-1' } });
    expect(attempts).toBe(2);
    // One put, two events: EventBridge gave each attempt its own id. Only the second id is
    // known to the caller; the first attempt's answer never came back.
    await expect(createEventBridgeHandle(capture)).toEmitEventTimes({ 'detail-type': 'PutOnce', detail: { orderId: 'o-1' } }, 2, {
      timeout: SETTLE_MS,
    });
    const ids = storedIds(capture, source);
    expect(new Set(ids).size).toBe(2);
    expect(ids).toContain(result?.eventId);
  });

  it('ReceiveMessage: the messages SQS handed out come back after the visibility timeout, once', async () => {
    // A first event ends the long poll already waiting (its fate was decided before the plan).
    const [primer] = await createEventBridgeHandle(capture).put({ source, detailType: 'Primer' });
    await allArrive(capture, [primer?.eventId ?? '']);
    // The consumer's next receive is the one whose answer is lost: it returns the event below.
    const receive = loseNextAnswer(rig.proxy, 'ReceiveMessage');
    // Under load the consumer can start that receive before the plan is set; it then waits out
    // its long poll (up to 20 s) and the next one is lost. Put the event only once the receive
    // to lose is the one waiting, or the event would come back in an answer that is not lost
    // (hence this test's 60 s budget: a long poll, the visibility timeout, then the window).
    await receive.forwarded;
    const putAt = systemClock.now();
    const [result] = await createEventBridgeHandle(capture).put({ source, detailType: 'ReceivedTwiceByAws' });
    const id = result?.eventId ?? '';
    await allArrive(capture, [id]);
    expect(receive.lost()).toBe(true);
    const arrival = capture.store.visible().find((c) => c.event.id === id);
    // Hidden for the consumer's 5 s visibility timeout (the queue default would be 30 s).
    expect(Math.round(((arrival?.arrivedAt ?? 0) - putAt) / 1000)).toBeGreaterThanOrEqual(4);
    await expect(createEventBridgeHandle(capture)).toEmitEventTimes({ 'detail-type': 'ReceivedTwiceByAws' }, 1, { timeout: SETTLE_MS });
  }, 60_000);

  it('DeleteMessageBatch: the delete took effect, so the retry is harmless and nothing comes back', async () => {
    const deletion = loseNextAnswer(rig.proxy, 'DeleteMessageBatch');
    const [result] = await createEventBridgeHandle(capture).put({ source, detailType: 'DeletedOnce' });
    const id = result?.eventId ?? '';
    await allArrive(capture, [id]);
    await expect(createEventBridgeHandle(capture)).toEmitEventTimes({ 'detail-type': 'DeletedOnce' }, 1, { timeout: SETTLE_MS });
    expect(deletion.lost()).toBe(true);
    expect(rig.receipts(id)).toBe(1);
  });

  it('leaves nothing behind', async () => {
    await expect(capture.stop()).resolves.toEqual({ kept: false });
    await expectNothingLeft(capture);
    expect(capture.store.stats.duplicates).toBe(0);
    expect(rig.proxy.stats.faults['reset-after-forward'] + rig.putEventsProxy.stats.faults['reset-after-forward']).toBe(3);
  });
});
