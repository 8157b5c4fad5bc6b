/**
 * Section 3: a realistic spec. The example order service of the demo (examples/order-service)
 * runs next to the emulator through local flows (its SAM template, its handler invoked locally), and 20 tests in 4 files place orders and check what it emits: once
 * written with jest-eventbridge (realistic/ours), once with sls-test-tools (realistic/sls). The
 * measure is the wall time of the whole Jest run, as a developer waits for it.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { handleOrderPlaced, type EventBridgeEnvelope, type OrderPlacedDetail } from '../examples/order-service/handler';
import { startLocalFlows } from '../src/local/startLocalFlows';
import { awsTestClientConfig, createEventBus } from '../tools/emulator';
import { compiledRoot, repoRoot } from './lib/paths';
import { timedJestRun } from './lib/jestRun';
import { peersDir, removeSlsLeftovers } from './lib/peers';
import { withEmulatorCpu } from './lib/processCpu';
import { CONFIRMATIONS, ORDER_PLACED, ORDERS_SOURCE, REJECTIONS, RESERVATIONS, SEQUENCING } from './realistic/orders';
import { startRequestLog } from './lib/requestLog';
import { OURS, SLS, type BenchContext, type ResultRow, type SectionResult } from './lib/results';
import { summarize, type Summary } from './lib/stats';

const BUS = 'orders';
const EXPECTED_TESTS = 20;
/** Bounds one Jest run, so that a hung run fails the benchmark instead of stalling it. */
const RUN_TIMEOUT_MS = 120_000;
/**
 * Workers for our variant. Correlation ids keep parallel files apart, so a suite can run its files side by side; Jest's default here
 * (cores - 1 = 1 on this 2-core machine) would run them one by one.
 */
const OURS_MAX_WORKERS = 4;

interface JestRun {
  readonly wallMs: number;
  readonly passed: number;
  readonly total: number;
  /** CPU seconds the emulator spent during the run, when its process could be seen. */
  readonly emulatorCpuS?: number;
  /** Captures the run created (PutRule calls) and readiness canaries it put, counted at the request log. */
  readonly captures: number;
  readonly canaries: number;
}

type Variant = 'ours' | 'ours in band' | 'sls';

export async function benchRealistic(ctx: BenchContext, perDeliveryMs: number): Promise<SectionResult> {
  const runs = ctx.quick ? 1 : 3;
  await createEventBus(ctx.emulatorEndpoint, BUS);
  const events = new EventBridgeClient(awsTestClientConfig(ctx.emulatorEndpoint));
  // Every variant's calls cross it (one loopback hop, alike for all): it counts ours' captures and canaries.
  const requestLog = await startRequestLog(ctx.endpoint);
  const results = new Map<Variant, JestRun[]>([
    ['ours', []],
    ['ours in band', []],
    ['sls', []],
  ]);
  // Calls of the service that failed (on moto as it ships: its delivery race, see the notes), over all runs.
  let serviceErrors = 0;
  try {
    for (let run = 1; run <= runs; run += 1) {
      // The in-band run of ours is a side comparison: one run fewer keeps the benchmark within
      // its time budget (every run of the suite costs the emulator some 13 s of CPU).
      const variants = run < runs || runs === 1 ? (['ours', 'sls', 'ours in band'] as const) : (['ours', 'sls'] as const);
      for (const variant of variants) {
        ctx.log(`realistic spec: ${variant}, run ${run}/${runs}`);
        // The service under test is deployed next to EventBridge: it talks to the emulator
        // directly, while the tests, on a developer's machine, go through the proxy's round trip.
        // A fresh one per run (a new queue): a message of an earlier run that it failed to handle
        // must not come back into a later one (see the notes).
        const service = await startLocalFlows({
          template: join(repoRoot(), 'examples/order-service/template.yaml'),
          endpoint: ctx.emulatorEndpoint,
          parameters: { EventBusName: BUS },
          onInvocation: (record) => {
            if (record.outcome !== 'success') serviceErrors += 1;
          },
        });
        try {
          requestLog.clear();
          const { result, cpuS } = await withEmulatorCpu(ctx.emulatorPid, () => runJest(ctx, variant, requestLog.endpoint));
          const calls = requestLog.requests();
          const counted = {
            captures: calls.filter((call) => call.operation === 'PutRule').length,
            canaries: calls.reduce((sum, call) => sum + call.canaries, 0),
          };
          results.get(variant)?.push({ ...result, ...counted, ...(cpuS === undefined ? {} : { emulatorCpuS: cpuS }) });
        } finally {
          await service.stop();
          if (variant === 'sls') await removeSlsLeftovers(events, BUS);
        }
      }
    }
  } finally {
    events.destroy();
    await requestLog.close();
  }
  const wall = (variant: Variant) => summarize((results.get(variant) ?? []).map((run) => run.wallMs / 1000));
  const cpu = (variant: Variant): Summary | undefined => {
    const seconds = (results.get(variant) ?? []).flatMap((run) => (run.emulatorCpuS === undefined ? [] : [run.emulatorCpuS]));
    return seconds.length > 0 ? summarize(seconds) : undefined;
  };
  const ours = wall('ours');
  const oursInBand = wall('ours in band');
  const sls = wall('sls');
  const speedup = sls.median / ours.median;
  const counts = (variant: Variant, key: 'captures' | 'canaries'): Summary =>
    summarize((results.get(variant) ?? []).map((run) => run[key]));
  const canaries = counts('ours', 'canaries').median;
  const deliveries = emulatorDeliveries(canaries);
  const files = specFiles('ours').length;
  const needed = sls.median / 3;
  const oursBusy = cpu('ours');
  const cpuRows: ResultRow[] = [];
  for (const [variant, tool] of [
    ['ours', OURS],
    ['ours in band', `${OURS} (in band)`],
    ['sls', SLS],
  ] as const) {
    const busy = cpu(variant);
    if (busy)
      cpuRows.push({
        metric: "emulator's CPU time during the run",
        tool,
        unit: 's',
        summary: busy,
        digits: 1,
        note: `${((busy.median / wall(variant).median) * 100).toFixed(0)}% of the run's wall time`,
      });
  }
  // Whether the emulator's own work is most of ours' run (as on moto as it ships), or not.
  const emulatorBound = oursBusy ? oursBusy.median / ours.median >= 0.5 : (deliveries * perDeliveryMs) / 1000 / ours.median >= 0.5;
  const floor = oursBusy
    ? `the emulator alone was busy ${oursBusy.median.toFixed(1)} s of ours' ${ours.median.toFixed(1)} s run (its CPU time, one core, serialised by Python's interpreter lock)`
    : `the emulator spends roughly ${((deliveries * perDeliveryMs) / 1000).toFixed(1)} s delivering the suite's events, one after another`;
  return {
    title: `3. Realistic spec: the example order service, ${EXPECTED_TESTS} tests in ${files} files`,
    rows: [
      { metric: 'whole Jest run, wall time', tool: OURS, unit: 's', summary: ours, digits: 1, note: `maxWorkers ${OURS_MAX_WORKERS}` },
      {
        metric: 'whole Jest run, wall time',
        tool: `${OURS} (in band)`,
        unit: 's',
        summary: oursInBand,
        digits: 1,
        note: '--runInBand, like the other tool',
      },
      {
        metric: 'whole Jest run, wall time',
        tool: SLS,
        unit: 's',
        summary: sls,
        digits: 1,
        note: '--runInBand (its queue and rule names are fixed per bus)',
      },
      {
        metric: 'speed-up over sls-test-tools',
        tool: OURS,
        unit: '×',
        summary: summarize([speedup]),
        digits: 2,
        note: `in band: ${(sls.median / oursInBand.median).toFixed(2)}×`,
      },
      ...cpuRows,
      ...(['ours', 'ours in band'] as const).map((variant): ResultRow => ({
        metric: 'captures created in one run (PutRule)',
        tool: variant === 'ours' ? OURS : `${OURS} (in band)`,
        unit: 'captures',
        summary: counts(variant, 'captures'),
        note: `${counts(variant, 'canaries').median} readiness canaries; the spec's config has no global setup, so captureScope 'worker' falls back to a capture per file (section 7 compares the scopes)`,
      })),
      {
        metric: 'deliveries the emulator makes in one run',
        tool: 'emulator',
        unit: 'deliveries',
        summary: summarize([deliveries]),
        note: `${canaries} canaries (ours only, as counted), 2 per order placed (service and capture queue), 1 per event the service emits${oursBusy ? `: ${((oursBusy.median * 1000) / deliveries).toFixed(0)} ms of emulator CPU per delivery, with the calls around them` : ''}`,
      },
    ],
    targets: [
      {
        target: 'realistic spec ≥ 3× faster than sls-test-tools',
        measured: `${speedup.toFixed(2)}× (${ours.median.toFixed(1)} s vs ${sls.median.toFixed(1)} s); in band ${(sls.median / oursInBand.median).toFixed(2)}×`,
        met: speedup >= 3,
        explanation:
          speedup >= 3
            ? undefined
            : emulatorBound
              ? `The emulator's: 3× would need the suite in ${needed.toFixed(1)} s, but ${floor}. It delivers ${deliveries} events in the suite inside PutEvents, CPU-bound, and both tools pay that alike; what differs is the waiting around it (sls-test-tools: one-message reads one after another, a purge per test, the 5 s read to see that nothing came, and no parallel files).`
              : `Not the emulator's: ${floor}, so most of ours' run is the run itself: a fresh Jest process, a capture per file, and the waits the spec makes on purpose (its absence check waits its whole 1 s window, and an exact count waits until its window ends). 3× would need the suite in ${needed.toFixed(1)} s. sls-test-tools' run is mostly its waiting: one-message reads one after another, a purge per test and the fixed 5 s read to see that nothing came.`,
      },
    ],
    notes: [
      `${runs} runs of each variant (${Math.max(1, runs - 1)} in band for ours), interleaved; each run is a fresh \`jest\` process on the compiled specs (no transform), timed from start to exit, and must pass all ${EXPECTED_TESTS} tests.`,
      "Both variants place the same orders (bench/realistic/orders.ts) and check the same facts. The sls-test-tools variant puts each order with the tool's `AWSClient` (its `publishEvent()` drops the next message from the queue, which is often the service's answer, and the test then fails), reads its queue with `getEvents()` (one message per call) until it has its order's events, clears the queue before each test (moto purges at once; real SQS allows one purge a minute per queue), and proves the one absence check (\"does not reject a valid order\") the only way the tool allows: a read that waits its fixed 5 s and finds nothing. The jest-eventbridge variant gives that check a 1 s window, as the tutorial spec does.",
      'The order service reaches the emulator directly, without the injected round trip, as a deployed service sits next to EventBridge; it is restarted (a new queue) for every run.',
      `On moto as it ships, a file's teardown can make a PutEvents that the service is making at that moment fail with QueueDoesNotExist (moto resolves a rule's target, spends its delivery time, and only then sends to the queue, which the teardown may have deleted in between), and a capture rule created meanwhile can crash the put into a retried, redelivered 500. The embedded emulator serializes PutEvents with rule changes and never fails a put for a target it cannot reach, as real EventBridge does not. Failed service calls over all the runs of this section: ${serviceErrors}.`,
    ],
    chart: [
      {
        title: `Realistic spec: whole Jest run (${EXPECTED_TESTS} tests)`,
        unit: 's',
        bars: [
          { tool: OURS, label: `${OURS} (${OURS_MAX_WORKERS} workers)`, value: ours.median },
          { tool: OURS, label: `${OURS} (in band)`, value: oursInBand.median, variant: true },
          { tool: SLS, label: SLS, value: sls.median },
        ],
      },
    ],
  };
}

/**
 * How many times the emulator delivers an event to a queue in one run of the suite: each order
 * placed goes to the service's queue and the capture queue, each event the service answers with
 * (computed with the service's own handler) to the capture queue, and each readiness canary
 * (jest-eventbridge only, as counted) to its capture queue.
 */
function emulatorDeliveries(canaries: number): number {
  const orders = [...CONFIRMATIONS, ...RESERVATIONS, ...REJECTIONS, ...Object.values(SEQUENCING)];
  const emitted = orders.reduce((sum, order) => {
    const envelope: EventBridgeEnvelope<OrderPlacedDetail> = {
      version: '0',
      id: order.orderId,
      'detail-type': ORDER_PLACED,
      source: ORDERS_SOURCE,
      account: '123456789012',
      time: new Date(0).toISOString(),
      region: 'us-east-1',
      resources: [],
      // Quantities that are null on the wire are what the service sees.
      detail: { orderId: order.orderId, items: order.items as OrderPlacedDetail['items'] },
    };
    return sum + handleOrderPlaced(envelope).length;
  }, 0);
  return canaries + 2 * orders.length + emitted;
}

function variantDir(variant: Variant): string {
  return variant === 'sls' ? 'sls' : 'ours';
}

/**
 * The compiled spec files of a variant, one per spec source: named rather than globbed, so that
 * a compiled file whose source was removed (.tmp is never cleaned) cannot join the run.
 */
function specFiles(variant: Variant): string[] {
  const sources = readdirSync(join(repoRoot(), 'bench', 'realistic', variantDir(variant))).filter((name) => name.endsWith('.spec.ts'));
  return sources.map((name) => join(compiledRoot(), 'bench', 'realistic', variantDir(variant), name.replace(/\.ts$/, '.js')));
}

/** Jest's configuration of each variant, as its users would write it. */
function jestConfig(variant: Variant): Record<string, unknown> {
  const dir = join(compiledRoot(), 'bench', 'realistic', variantDir(variant));
  const common = { rootDir: dir, testMatch: ['<rootDir>/*.spec.js'], testTimeout: 30_000, transform: {} };
  if (variant === 'sls') {
    return {
      ...common,
      testEnvironment: 'node',
      // The tool and aws-sdk v2 live in their own package, outside the repository's dependencies.
      modulePaths: [join(peersDir(), 'node_modules')],
      setupFiles: [join(dir, 'setup.js')],
    };
  }
  return {
    ...common,
    testEnvironment: 'jest-eventbridge/environment',
    testEnvironmentOptions: { eventBridge: { eventBusName: BUS, correlation: { path: 'detail.metadata.correlationId' } } },
    setupFilesAfterEnv: ['jest-eventbridge/matchers'],
  };
}

function runJest(ctx: BenchContext, variant: Variant, endpoint: string): Promise<Omit<JestRun, 'captures' | 'canaries'>> {
  return timedJestRun({
    args: () => [
      '--config',
      JSON.stringify(jestConfig(variant)),
      ...(variant === 'ours' ? [`--maxWorkers=${OURS_MAX_WORKERS}`] : ['--runInBand']),
      '--runTestsByPath',
      ...specFiles(variant),
    ],
    env: {
      ...process.env,
      AWS_ENDPOINT_URL: endpoint,
      AWS_REGION: ctx.region,
      AWS_ACCESS_KEY_ID: 'test',
      AWS_SECRET_ACCESS_KEY: 'test',
    },
    expectedTests: EXPECTED_TESTS,
    timeoutMs: RUN_TIMEOUT_MS,
    label: `realistic spec (${variant})`,
  });
}
