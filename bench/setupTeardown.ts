/**
 * Section 1: what one test file pays before its first test and after its last one, in wall time
 * and in sequential round trips (the count that multiplies with distance to AWS).
 *
 * jest-eventbridge: CaptureSession.start() (CreateQueue ‖ PutRule → PutTargets, then a readiness
 * canary must arrive) and stop() (RemoveTargets → DeleteRule ‖ DeleteQueue). sls-test-tools:
 * EventBridge.build() (CreateQueue → PutRule → PutTargets → SetQueueAttributes, no check that
 * events arrive) and destroy() (DeleteQueue; the rule and its target stay behind).
 */
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { CaptureSession } from '../src/session/CaptureSession';
import { createAwsClients, destroyAwsClients } from '../src/aws/awsClients';
import { validateOptions } from '../src/session/options/validateOptions';
import { awsTestClientConfig, createEventBus } from '../tools/emulator';
import {
  callsWithin,
  describeChain,
  operationName,
  recordCalls,
  recordV2Calls,
  sequentialRoundTrips,
  type RecordedCall,
} from './lib/callTiming';
import { removeSlsLeftovers, type Peers } from './lib/peers';
import { OURS, SLS, type BenchContext, type ResultRow, type SectionResult, type TargetCheck } from './lib/results';
import { sleep, summarize } from './lib/stats';

const OURS_BUS = 'bench-setup';
const SLS_BUS = 'bench-setup-sls';
/** The calls of the readiness proof: they are "the canary", not resource set-up. */
const CANARY_CALLS = ['PutEvents', 'ReceiveMessage', 'DeleteMessageBatch'];
/**
 * Idle time between setup and teardown, standing for the file's tests. Without it, stop() right
 * after start() would also wait for the canary's DeleteMessageBatch, which in a real file has
 * long finished by the time the last test ends.
 */
const FILE_BODY_MS = 250;

interface Lifecycle {
  readonly setupMs: number;
  readonly teardownMs: number;
  readonly setupTrips: number;
  /** Round trips of setup leaving out the readiness canary's calls. */
  readonly resourceTrips: number;
  readonly teardownTrips: number;
  /** When the last resource call of setup ended, from setup's start: the rest is the canary. */
  readonly resourcesReadyMs: number;
  readonly setupChain: string;
  readonly teardownChain: string;
}

export async function benchSetupTeardown(ctx: BenchContext, peers: Peers): Promise<SectionResult> {
  const reps = ctx.quick ? 3 : 10;
  await createEventBus(ctx.emulatorEndpoint, OURS_BUS);
  await createEventBus(ctx.emulatorEndpoint, SLS_BUS);
  const options = validateOptions({ eventBusName: OURS_BUS, endpoint: ctx.endpoint, region: ctx.region }, { source: 'bench' });

  const ours = async (index: number): Promise<Lifecycle> => {
    const clients = createAwsClients(options);
    const calls = recordCalls([clients.eventBridge, clients.sqs, clients.sts]);
    const session = new CaptureSession({ options, testPath: `bench/setup-${index}.spec.ts`, clients, log: () => undefined });
    try {
      const t0 = performance.now();
      await session.start();
      const t1 = performance.now();
      await sleep(FILE_BODY_MS);
      const t2 = performance.now();
      await session.stop();
      const t3 = performance.now();
      return lifecycle(calls, t0, t1, t2, t3);
    } finally {
      await session.stop();
      destroyAwsClients(clients);
    }
  };

  const cleanup = new EventBridgeClient(awsTestClientConfig(ctx.emulatorEndpoint));
  const sls = async (): Promise<Lifecycle> => {
    const recorder = recordV2Calls(peers.aws);
    // build() prints advice about --keep on every call; it is not the benchmark's output.
    const info = console.info;
    console.info = () => undefined;
    try {
      const t0 = performance.now();
      const helper = await peers.sls.EventBridge.build(SLS_BUS);
      const t1 = performance.now();
      await sleep(FILE_BODY_MS);
      const t2 = performance.now();
      await helper.destroy();
      const t3 = performance.now();
      return lifecycle(recorder.calls, t0, t1, t2, t3);
    } finally {
      console.info = info;
      recorder.stop();
      await removeSlsLeftovers(cleanup, SLS_BUS);
    }
  };

  try {
    // The first file of a worker also looks up the account id (cached for the worker's other
    // files) and loads the SDK's code paths: reported apart from the steady state.
    ctx.log('setup/teardown: first file of a worker');
    const oursFirst = await ours(0);
    const slsFirst = await sls();
    const oursRuns: Lifecycle[] = [];
    const slsRuns: Lifecycle[] = [];
    for (let index = 1; index <= reps; index += 1) {
      ctx.log(`setup/teardown: run ${index}/${reps}`);
      // Interleaved, so that any drift in the emulator or on the machine weighs on both alike.
      oursRuns.push(await ours(index));
      slsRuns.push(await sls());
    }
    return report(ctx, oursFirst, slsFirst, oursRuns, slsRuns);
  } finally {
    cleanup.destroy();
  }
}

function lifecycle(calls: readonly RecordedCall[], t0: number, t1: number, t2: number, t3: number): Lifecycle {
  const resourceCalls = callsWithin(calls, t0, t1).filter((call) => !CANARY_CALLS.includes(operationName(call.command)));
  const resourcesReady = Math.max(t0, ...resourceCalls.map((call) => call.end));
  return {
    setupMs: t1 - t0,
    teardownMs: t3 - t2,
    setupTrips: sequentialRoundTrips(calls, t0, t1),
    resourceTrips: sequentialRoundTrips(calls, t0, t1, CANARY_CALLS),
    teardownTrips: sequentialRoundTrips(calls, t2, t3),
    resourcesReadyMs: resourcesReady - t0,
    setupChain: describeChain(calls, t0, t1),
    teardownChain: describeChain(calls, t2, t3),
  };
}

function report(
  ctx: BenchContext,
  oursFirst: Lifecycle,
  slsFirst: Lifecycle,
  oursRuns: readonly Lifecycle[],
  slsRuns: readonly Lifecycle[],
): SectionResult {
  const pick = (runs: readonly Lifecycle[], key: keyof Omit<Lifecycle, 'setupChain' | 'teardownChain'>) =>
    summarize(runs.map((run) => run[key]));
  const total = (runs: readonly Lifecycle[]) => summarize(runs.map((run) => run.setupMs + run.teardownMs));
  const oursTotal = total(oursRuns);
  const slsTotal = total(slsRuns);
  const oursNoCanary = summarize(oursRuns.map((run) => run.resourcesReadyMs + run.teardownMs));
  const rows: ResultRow[] = [
    {
      metric: 'setup wall time',
      tool: OURS,
      unit: 'ms',
      summary: pick(oursRuns, 'setupMs'),
      note: `${oursRuns[0]?.setupChain ?? ''}; resources ready after ${pick(oursRuns, 'resourcesReadyMs').median.toFixed(0)} ms, the rest is the readiness canary`,
    },
    {
      metric: 'setup wall time',
      tool: SLS,
      unit: 'ms',
      summary: pick(slsRuns, 'setupMs'),
      note: `${slsRuns[0]?.setupChain ?? ''}; no check that events arrive`,
    },
    {
      metric: 'setup sequential round trips',
      tool: OURS,
      unit: 'round trips',
      summary: pick(oursRuns, 'setupTrips'),
      note: `${pick(oursRuns, 'resourceTrips').median} for the resources + 1 for the canary`,
    },
    { metric: 'setup sequential round trips', tool: SLS, unit: 'round trips', summary: pick(slsRuns, 'setupTrips') },
    { metric: 'teardown wall time', tool: OURS, unit: 'ms', summary: pick(oursRuns, 'teardownMs'), note: oursRuns[0]?.teardownChain ?? '' },
    {
      metric: 'teardown wall time',
      tool: SLS,
      unit: 'ms',
      summary: pick(slsRuns, 'teardownMs'),
      note: `${slsRuns[0]?.teardownChain ?? ''}; leaves the rule and its target behind`,
    },
    { metric: 'teardown sequential round trips', tool: OURS, unit: 'round trips', summary: pick(oursRuns, 'teardownTrips') },
    { metric: 'teardown sequential round trips', tool: SLS, unit: 'round trips', summary: pick(slsRuns, 'teardownTrips') },
    { metric: 'setup + teardown wall time', tool: OURS, unit: 'ms', summary: oursTotal },
    { metric: 'setup + teardown wall time', tool: SLS, unit: 'ms', summary: slsTotal },
    {
      metric: 'setup + teardown without the readiness canary',
      tool: OURS,
      unit: 'ms',
      summary: oursNoCanary,
      note: 'the same work sls-test-tools does (and more: policy, removal of rule and target)',
    },
    {
      metric: 'first file of a worker: setup + teardown',
      tool: OURS,
      unit: 'ms',
      summary: summarize([oursFirst.setupMs + oursFirst.teardownMs]),
      note: `setup ${oursFirst.setupTrips} round trips (${oursFirst.setupChain}): the account id lookup, cached for later files`,
    },
    {
      metric: 'first file of a worker: setup + teardown',
      tool: SLS,
      unit: 'ms',
      summary: summarize([slsFirst.setupMs + slsFirst.teardownMs]),
      note: 'includes aws-sdk v2 loading its service models',
    },
  ];

  const setupTrips = pick(oursRuns, 'setupTrips');
  const resourceTrips = pick(oursRuns, 'resourceTrips');
  const teardownTrips = pick(oursRuns, 'teardownTrips');
  const ratio = oursTotal.median / slsTotal.median;
  const canaryMs = pick(oursRuns, 'setupMs').median - pick(oursRuns, 'resourcesReadyMs').median;
  const targets: TargetCheck[] = [
    {
      target: 'setup in 2 sequential round trips + canary',
      measured: `${resourceTrips.median} + canary (${setupTrips.median} in all; max ${setupTrips.max})`,
      met: resourceTrips.max <= 2 && setupTrips.max <= 3,
    },
    {
      target: 'teardown in 2 sequential round trips',
      measured: `${teardownTrips.median} (max ${teardownTrips.max})`,
      met: teardownTrips.max <= 2,
    },
    {
      target: 'setup + teardown wall time vs sls-test-tools (ratio, reported)',
      measured: `${ratio.toFixed(2)}× (${oursTotal.median.toFixed(0)} ms vs ${slsTotal.median.toFixed(0)} ms); without the canary ${(oursNoCanary.median / slsTotal.median).toFixed(2)}×`,
      met: true,
      explanation:
        ratio > 1
          ? `The difference is the readiness canary (${canaryMs.toFixed(0)} ms): one PutEvents, inside which the emulator spends most of the time delivering the event to the capture queue (see "The emulator's cost"), then the long poll hands it over. sls-test-tools does not check that its rule delivers.`
          : undefined,
    },
  ];
  return {
    title: '1. Setup and teardown per test file',
    rows,
    targets,
    notes: [
      `${oursRuns.length} runs per tool after one first-file run each, interleaved. Round trips are the longest chain of AWS calls where each starts after the previous one ended, from an SDK middleware (v3) or aws-sdk's global request events (v2) recording each call's start and end.`,
      `Every call crosses the proxy, which adds ${ctx.rttMs} ms to each. Between setup and teardown the harness idles ${FILE_BODY_MS} ms, standing for the file's tests.`,
      "This is what every file pays with `captureScope: 'file'`, or without jest-eventbridge's global setup (a session started on its own, as here, makes a capture of its own). With `'worker'`, the default under the preset, only the first file of each worker pays the setup and the canary; its later files reuse the capture, and the global teardown removes it once after the run: section 7 measures both on a whole Jest run.",
    ],
    chart: [
      {
        title: 'Setup + teardown per file',
        unit: 'ms',
        bars: [
          { tool: OURS, label: OURS, value: oursTotal.median },
          { tool: OURS, label: `${OURS} without canary`, value: oursNoCanary.median, variant: true },
          { tool: SLS, label: SLS, value: slsTotal.median },
        ],
      },
    ],
  };
}
