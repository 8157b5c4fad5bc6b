/**
 * Section 6: local flows (issue 14). The example order service (examples/order-service: its SAM
 * template, its TypeScript handler bundled with esbuild, its rule) runs through
 * `startLocalFlows` on the emulator, and a spec's capture waits for what the handler emits.
 *
 * Measured, everything straight on the emulator (local mode runs on the developer's machine, so
 * the proxy's injected round trip would only blur what local flows add):
 * - latency: `put()` of an OrderPlaced until `await expect(handle).toEmitEvent({ 'detail-type':
 *   'OrderConfirmed', ... })` resolves, beside the emulator's own delivery (`put()` of an event no
 *   rule of the template matches, until the same matcher sees it), interleaved sample by sample;
 * - cost per invocation: the handler's duration from the invocation records, and the router's
 *   overhead (the event reaching the router → the attempt starting);
 * - start-up and `stop()`, split into phases by the times of local flows' own log lines.
 * Every figure is reported beside a baseline of the same run, never checked against a fixed time.
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { expect } from 'expect';
import { handleOrderPlaced, type EventBridgeEnvelope, type OrderPlacedDetail } from '../examples/order-service/handler';
import { createAwsClients, destroyAwsClients } from '../src/aws/awsClients';
import type { EventBridgeEvent } from '../src/core/events/envelope';
import { createEventBridgeHandle } from '../src/handle/createEventBridgeHandle';
import { LocalRouter } from '../src/local/localRouter';
import type { InvocationRecord } from '../src/local/stackModel';
import { startLocalFlows, type LocalFlows } from '../src/local/startLocalFlows';
import { readTemplate } from '../src/local/template';
import { matchers } from '../src/runners/jest/jestMatchers';
import { CaptureSession } from '../src/session/CaptureSession';
import { validateOptions } from '../src/session/options/validateOptions';
import type { EventSink } from '../src/sources/source';
import { awsTestClientConfig } from '../tools/emulator';
import type { EmulatorCost } from './emulatorCost';
import { repoRoot } from './lib/paths';
import { traceHttpCalls, type TracedCall } from './localFlows/httpTrace';
import { OURS, type BenchContext, type ResultRow, type SectionResult } from './lib/results';
import { summarize, type Summary } from './lib/stats';

/** A bus of the section's own: nothing else puts on it while it measures. */
const BUS = 'bench-local';
const TEMPLATE = 'examples/order-service/template.yaml';
const BASELINE_SOURCE = 'bench.local.baseline';
/** A bound for every wait: a lost event fails the benchmark instead of hanging it. */
const WAIT_TIMEOUT_MS = 15_000;
/** The run's emulator is measured first in the calibration: its row of this metric is the baseline. */
const PUT_EVENTS_METRIC = 'PutEvents, 1 event delivered to 1 queue';

/**
 * How long each phase of one `startLocalFlows` took (ms), in order. Read from local flows' own
 * log lines and from the AWS calls the bench sees this thread make.
 */
interface StartPhases {
  /** Template read (YAML, short-form tags, SAM transform) and the account's look-up (STS). */
  readonly readMs: number;
  /** The emulator's CloudFormation: create the stack and wait until it is complete. */
  readonly stackMs: number;
  /** The template's buses (CreateEventBus). */
  readonly busesMs: number;
  /** esbuild bundling the TypeScript handler (and resolving the stack: negligible). */
  readonly bundleMs: number;
  /** The execution environment: a worker thread that loads the bundled module. */
  readonly environmentMs: number;
  /** The listener's queue and rule on the bus. */
  readonly listenerMs: number;
  /** The listener's readiness canary: put, delivered, received. */
  readonly canaryMs: number;
  readonly totalMs: number;
  /** CloudFormation calls made (create, then polls until complete). */
  readonly stackCalls: number;
}

interface StopTime {
  readonly totalMs: number;
  /** The emulator's CloudFormation: delete the stack and wait until it is gone. */
  readonly stackMs: number;
}

async function timedStop(flows: LocalFlows): Promise<StopTime> {
  const trace = traceHttpCalls();
  const started = performance.now();
  try {
    await flows.stop();
  } finally {
    trace.stop();
  }
  const totalMs = performance.now() - started;
  const stack = trace.calls.filter((call) => call.service === 'cloudformation');
  const stackMs = stack.length === 0 ? 0 : Math.max(...stack.map((call) => call.end)) - Math.min(...stack.map((call) => call.start));
  return { totalMs, stackMs };
}

interface FlowSample {
  /** `put()` called → resolved. */
  readonly putMs: number;
  /** `put()` called → the matcher resolved. */
  readonly latencyMs: number;
  /** `put()` called → the router's listener handed it the event. */
  readonly toRouterMs?: number;
  /** The router received the event → the attempt started (1 ms resolution: the record's startedAt is Date.now()). */
  readonly routerMs?: number;
  readonly handlerMs: number;
  /** The attempt ended → the matcher resolved (negative when the output event beat the handler's return). */
  readonly afterHandlerMs?: number;
}

interface BaselineSample {
  readonly putMs: number;
  readonly latencyMs: number;
  /** The handler's two calls (PutItem, PutEvents of what it emits) made from the bench's own thread. */
  readonly handlerCallsMs: number;
}

export async function benchLocalFlows(ctx: BenchContext, emulator: EmulatorCost): Promise<SectionResult> {
  const samples = ctx.quick ? 10 : 20;
  // The section's first start may be the process's first, which pays for loading esbuild and the emulator's CloudFormation: reported apart.
  const starts = ctx.quick ? 3 : 5;
  const template = join(repoRoot(), TEMPLATE);
  expect.extend(matchers);

  // The event's arrival at the router is not recorded by local flows: the bench wraps the sink
  // the listener delivers to (the router's, by bus) to note when each event reaches it.
  const arrivals = new Map<string, number>();
  const restoreRouter = instrumentRouter(arrivals);
  const records = new RecordWaiter();

  const startTimes: StartPhases[] = [];
  const stopTimes: StopTime[] = [];
  const readTimes: number[] = [];
  let flows: LocalFlows | undefined;
  try {
    // Start-up: `starts` times, each but the last stopped again at once.
    for (let round = 1; round <= starts; round += 1) {
      ctx.log(`local flows: start ${round}/${starts}`);
      const readStarted = performance.now();
      await readTemplate(template, { parameters: { EventBusName: BUS } });
      readTimes.push(performance.now() - readStarted);
      const marks: { at: number; line: string }[] = [];
      const trace = traceHttpCalls();
      const started = performance.now();
      const running = await startLocalFlows({
        template,
        endpoint: ctx.emulatorEndpoint,
        region: ctx.region,
        parameters: { EventBusName: BUS },
        onInvocation: (record) => records.add(record),
        log: (line) => marks.push({ at: performance.now(), line }),
      });
      const ended = performance.now();
      trace.stop();
      const phase = phases(marks, trace.calls, started, ended);
      startTimes.push(phase);
      ctx.log(
        `local flows: started in ${phase.totalMs.toFixed(0)} ms (stack ${phase.stackMs.toFixed(0)}, bundle ${phase.bundleMs.toFixed(0)}, environment ${phase.environmentMs.toFixed(0)}, canary ${phase.canaryMs.toFixed(0)})`,
      );
      if (round < starts) stopTimes.push(await timedStop(running));
      else flows = running;
    }
    if (flows === undefined) throw new Error('local flows did not start');

    // The spec's side: a capture of the bus, as a test file has, with the real matcher.
    const options = validateOptions(
      { eventBusName: BUS, endpoint: ctx.emulatorEndpoint, region: ctx.region, timeout: WAIT_TIMEOUT_MS },
      { source: 'bench' },
    );
    const clients = createAwsClients(options);
    const session = new CaptureSession({ options, testPath: 'bench/localFlows.spec.ts', clients, log: () => undefined });
    const flowSamples: FlowSample[] = [];
    const baselineSamples: BaselineSample[] = [];
    let first: FlowSample | undefined;
    let sessionStartMs: number;
    let closeDirect = (): void => undefined;
    try {
      const sessionStarted = performance.now();
      await session.start();
      sessionStartMs = performance.now() - sessionStarted;
      const handle = createEventBridgeHandle(session);
      const tableName = flows.stack.functions[0]?.environment.TABLE_NAME;
      if (tableName === undefined) throw new Error('the order service has no TABLE_NAME: the bench cannot repeat its calls');
      const dynamo = new DynamoDBClient(awsTestClientConfig(ctx.emulatorEndpoint));
      const events = new EventBridgeClient(awsTestClientConfig(ctx.emulatorEndpoint));
      closeDirect = () => {
        dynamo.destroy();
        events.destroy();
      };
      // What the handler's body costs on the emulator without local flows around it: the same
      // two calls, from warm clients in the bench's own thread, on the same bus and table.
      const handlerCalls = async (): Promise<number> => {
        const envelope: EventBridgeEnvelope<OrderPlacedDetail> = {
          version: '0',
          id: randomUUID(),
          'detail-type': 'OrderPlaced',
          source: 'shop.orders',
          account: '123456789012',
          time: new Date().toISOString(),
          region: ctx.region,
          resources: [],
          detail: { orderId: `direct-${randomUUID().slice(0, 8)}`, items: [{ sku: 'TEA-1', quantity: 1, price: 4.5 }] },
        };
        const started = performance.now();
        await dynamo.send(
          new PutItemCommand({
            TableName: tableName,
            Item: { eventId: { S: envelope.id }, orderId: { S: envelope.detail.orderId }, receivedAt: { S: envelope.time } },
            ConditionExpression: 'attribute_not_exists(eventId)',
          }),
        );
        await events.send(new PutEventsCommand({ Entries: handleOrderPlaced(envelope).map((entry) => ({ ...entry, EventBusName: BUS })) }));
        const ms = performance.now() - started;
        // Not timed: its events reach the capture before the next sample starts, not during it.
        await expect(handle).toEmitEvent({ 'detail-type': 'OrderConfirmed', detail: { orderId: envelope.detail.orderId } });
        return ms;
      };

      const baseline = async (): Promise<BaselineSample> => {
        const probe = randomUUID();
        const started = performance.now();
        await handle.put({ source: BASELINE_SOURCE, detailType: 'Baseline', detail: { probe } });
        const putMs = performance.now() - started;
        await expect(handle).toEmitEvent({ source: BASELINE_SOURCE, detail: { probe } });
        const latencyMs = performance.now() - started;
        return { putMs, latencyMs, handlerCallsMs: await handlerCalls() };
      };
      const flow = async (): Promise<FlowSample> => {
        const orderId = `bench-${randomUUID().slice(0, 8)}`;
        // Date.now() and performance.now() drift apart over a run: the offset is taken per sample.
        const epochOffset = Date.now() - performance.now();
        const started = performance.now();
        const [put] = await handle.put({
          source: 'shop.orders',
          detailType: 'OrderPlaced',
          detail: { orderId, items: [{ sku: 'TEA-1', quantity: 1, price: 4.5 }] },
        });
        const putMs = performance.now() - started;
        await expect(handle).toEmitEvent({ 'detail-type': 'OrderConfirmed', detail: { orderId } });
        const resolved = performance.now();
        if (put === undefined) throw new Error('put() returned no result');
        const record = await records.waitFor(put.eventId, WAIT_TIMEOUT_MS);
        if (record.outcome !== 'success') throw new Error(`the handler failed: ${record.error?.name}: ${record.error?.message}`);
        const arrived = arrivals.get(put.eventId);
        const attemptStart = record.startedAt - epochOffset;
        return {
          putMs,
          latencyMs: resolved - started,
          handlerMs: record.durationMs,
          afterHandlerMs: resolved - (attemptStart + record.durationMs),
          ...(arrived === undefined ? {} : { toRouterMs: arrived - started, routerMs: attemptStart - arrived }),
        };
      };

      // The first order after start-up pays the handler's first SDK calls (connections, credentials).
      ctx.log('local flows: first order');
      first = await flow();
      for (let index = 1; index <= samples; index += 1) {
        ctx.log(`local flows: sample ${index}/${samples}`);
        // Interleaved, so that the machine's and the emulator's ups and downs weigh on both alike.
        baselineSamples.push(await baseline());
        flowSamples.push(await flow());
      }
    } finally {
      await session.stop();
      destroyAwsClients(clients);
      closeDirect();
    }
    const last = flows;
    flows = undefined;
    stopTimes.push(await timedStop(last));
    return report(ctx, emulator, {
      samples: flowSamples,
      baseline: baselineSamples,
      first,
      startTimes,
      stopTimes,
      readTimes,
      sessionStartMs,
      invocations: records.count,
    });
  } finally {
    await flows?.stop();
    restoreRouter();
  }
}

/** Wraps LocalRouter's sinks to note when each event reaches the router; returns the undo. */
function instrumentRouter(arrivals: Map<string, number>): () => void {
  // eslint-disable-next-line @typescript-eslint/unbound-method -- called back with its `this` below
  const original = LocalRouter.prototype.sinkFor;
  LocalRouter.prototype.sinkFor = function sinkFor(this: LocalRouter, eventBusName: string): EventSink {
    const sink = original.call(this, eventBusName);
    return {
      add: (events: readonly EventBridgeEvent[]) => {
        const at = performance.now();
        for (const event of events) if (!arrivals.has(event.id)) arrivals.set(event.id, at);
        return sink.add(events);
      },
      reject: (body, reason) => sink.reject(body, reason),
    };
  };
  return () => {
    LocalRouter.prototype.sinkFor = original;
  };
}

/** The invocation records, by event id, for a sample to wait on its own. */
class RecordWaiter {
  private readonly byEvent = new Map<string, InvocationRecord>();
  private readonly waiters = new Map<string, (record: InvocationRecord) => void>();
  count = 0;

  add(record: InvocationRecord): void {
    this.count += 1;
    this.byEvent.set(record.eventId, record);
    this.waiters.get(record.eventId)?.(record);
  }

  waitFor(eventId: string, timeoutMs: number): Promise<InvocationRecord> {
    const known = this.byEvent.get(eventId);
    if (known) return Promise.resolve(known);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.delete(eventId);
        reject(new Error(`no invocation record for event ${eventId} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiters.set(eventId, (record) => {
        clearTimeout(timer);
        this.waiters.delete(eventId);
        resolve(record);
      });
    });
  }
}

/** The phases of one start, from the times of local flows' log lines and of the AWS calls it made. */
function phases(marks: readonly { at: number; line: string }[], calls: readonly TracedCall[], started: number, ended: number): StartPhases {
  const at = (pattern: RegExp): number => {
    const mark = marks.find((one) => pattern.test(one.line));
    if (mark === undefined) throw new Error(`local flows did not log ${String(pattern)}; the bench reads its phases from these lines`);
    return mark.at;
  };
  const bundled = at(/: bundled /);
  const created = at(/^created /);
  const ready = at(/^ready after /);
  const stack = calls.filter((call) => call.service === 'cloudformation');
  const first = stack[0];
  if (first === undefined) throw new Error('local flows made no CloudFormation call; the bench cannot split its start-up');
  const stackEnd = Math.max(...stack.map((call) => call.end));
  const awsEnd = Math.max(...calls.filter((call) => call.end <= bundled).map((call) => call.end));
  const listenerStart = Math.min(...calls.filter((call) => call.start >= bundled).map((call) => call.start));
  return {
    readMs: first.start - started,
    stackMs: stackEnd - first.start,
    busesMs: awsEnd - stackEnd,
    bundleMs: bundled - awsEnd,
    environmentMs: listenerStart - bundled,
    listenerMs: created - listenerStart,
    canaryMs: ready - created,
    totalMs: ended - started,
    stackCalls: stack.length,
  };
}

interface Measured {
  readonly samples: readonly FlowSample[];
  readonly baseline: readonly BaselineSample[];
  readonly first: FlowSample | undefined;
  readonly startTimes: readonly StartPhases[];
  readonly stopTimes: readonly StopTime[];
  readonly readTimes: readonly number[];
  readonly sessionStartMs: number;
  readonly invocations: number;
}

function report(ctx: BenchContext, emulator: EmulatorCost, measured: Measured): SectionResult {
  const { samples, baseline } = measured;
  const of = (values: readonly (number | undefined)[]): Summary | undefined => {
    const known = values.filter((value): value is number => value !== undefined);
    return known.length > 0 ? summarize(known) : undefined;
  };
  const latency = summarize(samples.map((sample) => sample.latencyMs));
  const delivery = summarize(baseline.map((sample) => sample.latencyMs));
  const flowPut = summarize(samples.map((sample) => sample.putMs));
  const basePut = summarize(baseline.map((sample) => sample.putMs));
  const toRouter = of(samples.map((sample) => sample.toRouterMs));
  const router = of(samples.map((sample) => sample.routerMs));
  const handler = summarize(samples.map((sample) => sample.handlerMs));
  const afterHandler = of(samples.map((sample) => sample.afterHandlerMs));
  const putEventsRow = emulator.section.rows.find((row) => row.metric === PUT_EVENTS_METRIC);
  const putEventsMs = putEventsRow?.summary.median;
  const times = (value: number, base: number | undefined): string => (base ? `${(value / base).toFixed(1)}×` : '—');
  // The section's first start apart: run alone, it is the process's first, which loads esbuild and the emulator's CloudFormation code.
  const [coldStart, ...warmStarts] = measured.startTimes;
  const warm = warmStarts.length > 0 ? warmStarts : measured.startTimes;
  const pick = (key: keyof StartPhases): Summary => summarize(warm.map((start) => start[key]));
  const cold = (key: keyof StartPhases, digits = 0): string =>
    coldStart === undefined ? '' : `first start: ${coldStart[key].toFixed(digits)}`;
  const total = pick('totalMs');
  const stop = summarize(measured.stopTimes.map((one) => one.totalMs));
  const stopStack = summarize(measured.stopTimes.map((one) => one.stackMs));
  const handlerCalls = summarize(baseline.map((sample) => sample.handlerCallsMs));
  const read = summarize(measured.readTimes);

  const ratioNote = (summary: Summary): string =>
    `${times(summary.median, delivery.median)} the emulator's own delivery; ${times(summary.median, putEventsMs)} a PutEvents round trip`;
  const rows: ResultRow[] = [
    {
      metric: 'put() → OrderConfirmed at the waiting matcher',
      tool: OURS,
      unit: 'ms',
      summary: latency,
      digits: 1,
      note: ratioNote(latency),
    },
    {
      metric: "the emulator's own delivery: put() → the same matcher, no handler",
      tool: 'emulator',
      unit: 'ms',
      summary: delivery,
      digits: 1,
      note: `baseline, interleaved; ${times(delivery.median, putEventsMs)} a PutEvents round trip`,
    },
    {
      metric: 'local flows add over the emulator',
      tool: OURS,
      unit: 'ms',
      summary: summarize([latency.median - delivery.median]),
      digits: 1,
      note: 'difference of the medians above',
    },
    {
      metric: "latency as a multiple of the emulator's own delivery",
      tool: OURS,
      unit: '×',
      summary: summarize([latency.median / delivery.median]),
      digits: 2,
      note: 'medians of the same run',
    },
    ...(putEventsMs === undefined
      ? []
      : [
          {
            metric: "latency as a multiple of the emulator's PutEvents round trip",
            tool: OURS,
            unit: '×',
            summary: summarize([latency.median / putEventsMs]),
            digits: 2,
            note: `the calibration's PutEvents delivering to one queue: ${putEventsMs.toFixed(1)} ms`,
          },
        ]),
    ...(measured.first
      ? [
          {
            metric: 'first order after start-up: put() → matcher',
            tool: OURS,
            unit: 'ms',
            summary: summarize([measured.first.latencyMs]),
            digits: 1,
            note: `its handler took ${measured.first.handlerMs} ms (first SDK calls of the execution environment); not in the rows above`,
          },
        ]
      : []),
    {
      metric: 'put() itself (OrderPlaced; no-handler event)',
      tool: OURS,
      unit: 'ms',
      summary: flowPut,
      digits: 1,
      note: `no-handler event: ${basePut.median.toFixed(1)} ms; calibration's PutEvents: ${putEventsMs === undefined ? '—' : `${putEventsMs.toFixed(1)} ms`}`,
    },
    ...(toRouter
      ? [
          {
            metric: '… put() called → event at the router',
            tool: OURS,
            unit: 'ms',
            summary: toRouter,
            digits: 1,
            note: "the emulator's delivery to the listener's queue, its long poll, decoding",
          },
        ]
      : []),
    ...(router
      ? [
          {
            metric: '… router: event received → invocation started',
            tool: OURS,
            unit: 'ms',
            summary: router,
            digits: 1,
            note: 'matching, input transform, hand-off to the execution environment (1 ms resolution)',
          },
        ]
      : []),
    {
      metric: '… handler duration (invocation record)',
      tool: OURS,
      unit: 'ms',
      summary: handler,
      digits: 1,
      note: `${times(handler.median, putEventsMs)} a PutEvents round trip: its DynamoDB PutItem and its PutEvents of 2 entries`,
    },
    {
      metric: "… the handler's two calls, made from the bench's thread",
      tool: 'emulator',
      unit: 'ms',
      summary: handlerCalls,
      digits: 1,
      note: `the same PutItem and PutEvents from warm clients, interleaved: the invocation costs ${(handler.median - handlerCalls.median).toFixed(1)} ms more (medians)`,
    },
    ...(afterHandler
      ? [
          {
            metric: '… invocation ended → matcher resolved',
            tool: OURS,
            unit: 'ms',
            summary: afterHandler,
            digits: 1,
            note: "the output event was delivered inside the handler's PutEvents; negative when the matcher saw it before the handler returned",
          },
        ]
      : []),
    {
      metric: 'startLocalFlows(): whole start-up',
      tool: OURS,
      unit: 'ms',
      summary: total,
      note: `${cold('totalMs')} ms; ${times(total.median, measured.sessionStartMs)} a test file's capture set-up (CaptureSession.start(): ${measured.sessionStartMs.toFixed(0)} ms)`,
    },
    ...(
      [
        ['readMs', '… template read, account look-up (STS)', `reading the template alone: ${read.median.toFixed(1)} ms`],
        [
          'stackMs',
          "… the emulator's CloudFormation stack (tables, ...)",
          `${pick('stackCalls').median} calls: create, then polls until complete`,
        ],
        ['busesMs', '… the template’s buses', ''],
        ['bundleMs', '… esbuild bundle of the TypeScript handler', ''],
        ['environmentMs', '… execution environment (worker thread, module load)', ''],
        ['listenerMs', "… the listener's queue and rule", ''],
        ['canaryMs', "… the listener's readiness canary", ''],
      ] as const
    ).map(([key, metric, note]): ResultRow => ({
      metric,
      tool: OURS,
      unit: 'ms',
      summary: pick(key),
      note: [cold(key) === '' ? '' : `${cold(key)} ms`, note].filter(Boolean).join('; '),
    })),
    {
      metric: 'stop()',
      tool: OURS,
      unit: 'ms',
      summary: stop,
      digits: 0,
      note: `waits for invocations in flight, ends the worker, removes the listener, buses and the stack (CloudFormation: ${stopStack.median.toFixed(0)} ms)`,
    },
  ];
  return {
    title: '6. Local flows: the example order service run from its template',
    rows,
    targets: [],
    notes: [
      `${samples.length} orders, each after one event no rule of the template matches (the baseline), one at a time, on a bus of the section's own; ${measured.startTimes.length} start-ups, each but the last stopped again at once (the start-up rows are the medians of all but the section's first start, which their notes give: when the section runs alone, that start is the process's first and pays for loading esbuild and the emulator's CloudFormation code, seconds on their own; in a full run, section 3 has started local flows before); ${measured.invocations} invocation records in all. Everything talks to the emulator directly: local mode runs on the developer's machine, so the ${ctx.rttMs} ms proxy would only add its round trip to each put.`,
      "The path of one order: put() (PutEvents, which the emulator answers after delivering to the listener's and the capture's queues) → the local listener's long poll → the router (the library's pattern engine) → the handler in its worker thread (DynamoDB PutItem, then PutEvents of OrderConfirmed and ItemReserved, each delivered to both queues) → the capture's long poll → the matcher. The baseline is the same path without the middle: one delivery to the capture queue.",
      "Ratios are to the emulator's own delivery measured here and to the calibration's PutEvents that delivers to one queue (the section below). The router's arrival time comes from the bench wrapping the router's sink; local flows do not record it.",
    ],
    chart: [
      {
        title: 'Local flows: put() → output event at the waiting matcher',
        unit: 'ms',
        bars: [
          { tool: 'emulator', label: "emulator's own delivery (no handler)", value: delivery.median },
          { tool: OURS, label: 'through local flows (handler)', value: latency.median },
        ],
      },
    ],
  };
}
