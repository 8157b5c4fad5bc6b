/**
 * Section 7: one capture per worker (`captureScope: 'worker'`, the default) against one per test
 * file (`'file'`), on a whole Jest run: a generated suite of 12 files of 2 short tests each, on 2
 * workers, with the preset's global setup and teardown, every AWS call across the proxy's round
 * trip. Per run it counts, at a request log in front of the proxy (so every process of the run is
 * seen: the global setup, both workers, the global teardown), the captures created (PutRule and
 * CreateQueue), the readiness canaries put, and every call; it times the run from spawn to exit,
 * and after it checks that no queue or rule of the section's prefix is left on the emulator.
 */
import { createRequire } from 'node:module';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { EventBridgeClient, ListRulesCommand } from '@aws-sdk/client-eventbridge';
import { ListQueuesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { awsTestClientConfig, createEventBus } from '../tools/emulator';
import { compiledRoot, repoRoot } from './lib/paths';
import { timedJestRun } from './lib/jestRun';
import { startRequestLog, type LoggedRequest } from './lib/requestLog';
import { OURS, type BenchContext, type ResultRow, type SectionResult } from './lib/results';
import { withEmulatorCpu } from './lib/processCpu';
import { summarize, type Summary } from './lib/stats';

const BUS = 'bench-scope';
/** The section's own: its leftover check lists by it, and no other section's capture matches. */
const PREFIX = 'jebscope-';
const FILES = 12;
const TESTS_PER_FILE = 2;
const WORKERS = 2;
/** Bounds one Jest run, so that a hung run fails the benchmark instead of stalling it. */
const RUN_TIMEOUT_MS = 120_000;

type Scope = 'file' | 'worker';
const SCOPES: readonly Scope[] = ['file', 'worker'];

interface ScopeRun {
  readonly wallMs: number;
  /** PutRule calls: one per capture created. */
  readonly rules: number;
  /** CreateQueue calls: one per capture created, too. */
  readonly queues: number;
  /** DeleteRule calls: captures removed (by each file, or by the global teardown). */
  readonly removals: number;
  /** Readiness canaries put (PutEvents entries of the canary's source, hand-overs left out). */
  readonly canaries: number;
  /** Hand-over canaries: a file ending on a worker's capture wakes its last receive with one. */
  readonly handOvers: number;
  /** Every AWS call the run made, from every process. */
  readonly calls: number;
  /** Queues and rules of the section's prefix on the emulator after the run. */
  readonly leftovers: number;
  /** CPU seconds the emulator spent during the run, when its process could be seen: less swayed by a busy machine than wall time. */
  readonly emulatorCpuS?: number;
}

export async function benchCaptureScope(ctx: BenchContext): Promise<SectionResult> {
  const runs = ctx.quick ? 1 : 3;
  await createEventBus(ctx.emulatorEndpoint, BUS);
  const dir = writeSuite();
  const requestLog = await startRequestLog(ctx.endpoint);
  const events = new EventBridgeClient(awsTestClientConfig(ctx.emulatorEndpoint));
  const sqs = new SQSClient(awsTestClientConfig(ctx.emulatorEndpoint));
  const results = new Map<Scope, ScopeRun[]>(SCOPES.map((scope) => [scope, []]));
  try {
    for (let run = 1; run <= runs; run += 1) {
      // Interleaved, and each scope first every other run, so that drift and warm-up weigh on both alike.
      const order = run % 2 === 1 ? SCOPES : [...SCOPES].reverse();
      for (const scope of order) {
        ctx.log(`capture scope: '${scope}', run ${run}/${runs}`);
        requestLog.clear();
        // Given to the run (the global setup keeps a run id it is given): every name it creates starts with it.
        const runPrefix = `${PREFIX}${scope.charAt(0)}${run}${Date.now().toString(36).slice(-4)}-`;
        const { result: wallMs, cpuS } = await withEmulatorCpu(ctx.emulatorPid, () =>
          runJest(dir, requestLog.endpoint, scope, runPrefix.slice(PREFIX.length, -1)),
        );
        const requests = requestLog.requests();
        const stray = requests.flatMap((request) =>
          request.created !== undefined && !request.created.startsWith(runPrefix) ? [request.created] : [],
        );
        // Otherwise the leftover check below would list by a prefix the run never used.
        if (stray.length > 0) throw new Error(`capture scope '${scope}', run ${run}: created ${stray.join(', ')}, not named ${runPrefix}…`);
        // Names carry the worker (`-w<N>-`): the run must have used both, or it measured something else.
        const workers = new Set(
          requests.flatMap((request) => (request.created === undefined ? [] : [request.created.slice(runPrefix.length).split('-')[0]])),
        );
        if (workers.size !== WORKERS) {
          throw new Error(`capture scope '${scope}', run ${run}: the captures were made by ${workers.size} worker(s), not ${WORKERS}`);
        }
        const leftovers = await countLeftovers(events, sqs, runPrefix);
        if (leftovers > 0) {
          throw new Error(
            `capture scope '${scope}', run ${run}: ${leftovers} queue(s) and rule(s) named ${runPrefix}… were left on bus "${BUS}" after the run; a suite run must leave none`,
          );
        }
        const counted = count(requests);
        results.get(scope)?.push({ wallMs, ...counted, leftovers, ...(cpuS === undefined ? {} : { emulatorCpuS: cpuS }) });
      }
    }
  } finally {
    events.destroy();
    sqs.destroy();
    await requestLog.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return report(ctx, results.get('file') ?? [], results.get('worker') ?? []);
}

function count(requests: readonly LoggedRequest[]): Omit<ScopeRun, 'wallMs' | 'leftovers'> {
  const of = (operation: string): number => requests.filter((request) => request.operation === operation).length;
  return {
    rules: of('PutRule'),
    queues: of('CreateQueue'),
    removals: of('DeleteRule'),
    canaries: requests.reduce((sum, request) => sum + request.canaries, 0),
    handOvers: requests.reduce((sum, request) => sum + request.handOvers, 0),
    calls: requests.length,
  };
}

/** Rules on the bus and queues in the region whose names start with the run's prefix. */
async function countLeftovers(events: EventBridgeClient, sqs: SQSClient, prefix: string): Promise<number> {
  const rules = await events.send(new ListRulesCommand({ EventBusName: BUS, NamePrefix: prefix }));
  const queues = await sqs.send(new ListQueuesCommand({ QueueNamePrefix: prefix }));
  return (rules.Rules ?? []).length + (queues.QueueUrls ?? []).length;
}

/**
 * The suite: plain JavaScript (no transform, like the realistic spec), each file 2 tests that put
 * an event and wait for it at the capture. Written under .tmp/bench, inside the repository, so
 * that `jest-eventbridge` resolves to the built package as the realistic spec's does.
 */
function writeSuite(): string {
  const parent = join(compiledRoot(), 'bench');
  mkdirSync(parent, { recursive: true });
  const dir = mkdtempSync(join(parent, 'captureScope-'));
  for (let file = 1; file <= FILES; file += 1) {
    const tests = Array.from({ length: TESTS_PER_FILE }, (_, index) => {
      const detail = JSON.stringify({ file, test: index + 1 });
      return [
        `  it('sees its event ${index + 1}', async () => {`,
        `    await eventBridge.put({ source: 'bench.scope', detailType: 'Ping', detail: ${detail} });`,
        `    await expect(eventBridge).toEmitEvent({ source: 'bench.scope', 'detail-type': 'Ping', detail: ${detail} });`,
        '  });',
      ].join('\n');
    });
    const text = [
      '// Generated by bench/captureScope.ts for one run of the section; removed after it.',
      "const { eventBridge } = require('jest-eventbridge');",
      '',
      `describe('file ${file}', () => {`,
      tests.join('\n\n'),
      '});',
      '',
    ].join('\n');
    writeFileSync(join(dir, `file${String(file).padStart(2, '0')}.spec.js`), text);
  }
  return dir;
}

function specPaths(dir: string): string[] {
  return Array.from({ length: FILES }, (_, index) => join(dir, `file${String(index + 1).padStart(2, '0')}.spec.js`));
}

/**
 * Jest's configuration as a user of the preset writes it: the preset (the environment, the
 * matchers, the global setup and teardown), the bus, and here the endpoint, the section's prefix
 * and the scope under test. The preset's own settings are spread in (its paths are absolute):
 * Jest finds a `preset` by package name only under node_modules, where this repository is not.
 */
function jestConfig(dir: string, endpoint: string, scope: Scope): Record<string, unknown> {
  const preset = createRequire(__filename)(join(repoRoot(), 'jest-preset.js')) as Record<string, unknown>;
  return {
    ...preset,
    rootDir: dir,
    testMatch: ['<rootDir>/*.spec.js'],
    transform: {},
    testEnvironmentOptions: { eventBridge: { eventBusName: BUS, endpoint, resourcePrefix: PREFIX, captureScope: scope } },
  };
}

async function runJest(dir: string, endpoint: string, scope: Scope, runId: string): Promise<number> {
  const env: NodeJS.ProcessEnv = { ...process.env, AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test' };
  // Kept by the global setup instead of a random one: every name of the run starts `<prefix><run id>-`.
  env.JEST_EVENTBRIDGE_RUN_ID = runId;
  const run = await timedJestRun({
    args: (folder) => [
      '--config',
      JSON.stringify(jestConfig(dir, endpoint, scope)),
      `--maxWorkers=${WORKERS}`,
      // A cache of its own: with the test times of earlier runs, Jest runs a suite of at most 20
      // files that all took under 1 s in band, whatever --maxWorkers says.
      `--cacheDirectory=${join(folder, 'cache')}`,
      '--runTestsByPath',
      ...specPaths(dir),
    ],
    env,
    expectedTests: FILES * TESTS_PER_FILE,
    timeoutMs: RUN_TIMEOUT_MS,
    label: `capture scope '${scope}' run`,
  });
  return run.wallMs;
}

function report(ctx: BenchContext, file: readonly ScopeRun[], worker: readonly ScopeRun[]): SectionResult {
  const pick = (runs: readonly ScopeRun[], key: Exclude<keyof ScopeRun, 'emulatorCpuS'>): Summary =>
    summarize(runs.map((run) => (key === 'wallMs' ? run.wallMs / 1000 : run[key])));
  const cpu = (runs: readonly ScopeRun[]): Summary | undefined => {
    const seconds = runs.flatMap((run) => (run.emulatorCpuS === undefined ? [] : [run.emulatorCpuS]));
    return seconds.length > 0 ? summarize(seconds) : undefined;
  };
  const label = (scope: Scope): string => `${OURS} ('${scope}')`;
  const rows: ResultRow[] = [];
  for (const [scope, runs] of [
    ['file', file],
    ['worker', worker],
  ] as const) {
    const queues = pick(runs, 'queues');
    rows.push(
      {
        metric: 'captures created (PutRule)',
        tool: label(scope),
        unit: 'captures',
        summary: pick(runs, 'rules'),
        note: `CreateQueue ${queues.median}${queues.max !== queues.median ? ` (max ${queues.max})` : ''}; removed (DeleteRule) ${pick(runs, 'removals').median}, ${scope === 'file' ? 'by each file' : 'by the global teardown'}`,
      },
      { metric: 'readiness canaries put', tool: label(scope), unit: 'canaries', summary: pick(runs, 'canaries') },
      {
        metric: 'hand-over canaries put',
        tool: label(scope),
        unit: 'canaries',
        summary: pick(runs, 'handOvers'),
        note:
          scope === 'worker'
            ? "one per file: it wakes the file's last receive, so the next file's first event is not taken by an abandoned long poll"
            : '',
      },
      { metric: 'AWS calls in the run', tool: label(scope), unit: 'calls', summary: pick(runs, 'calls'), note: 'every process of the run' },
      { metric: 'whole Jest run, wall time', tool: label(scope), unit: 's', summary: pick(runs, 'wallMs'), digits: 1 },
    );
    const busy = cpu(runs);
    if (busy) rows.push({ metric: "emulator's CPU time during the run", tool: label(scope), unit: 's', summary: busy, digits: 1 });
  }
  const fileWall = pick(file, 'wallMs');
  const workerWall = pick(worker, 'wallMs');
  const ratio = fileWall.median / workerWall.median;
  const saved = fileWall.median - workerWall.median;
  rows.push({
    metric: "wall-time ratio 'file' / 'worker'",
    tool: OURS,
    unit: '×',
    summary: summarize([ratio]),
    digits: 2,
    note: `${saved.toFixed(1)} s saved per run`,
  });
  const fileRules = pick(file, 'rules');
  const workerRules = pick(worker, 'rules');
  const fileCanaries = pick(file, 'canaries');
  const workerCanaries = pick(worker, 'canaries');
  const leftovers = Math.max(...[...file, ...worker].map((run) => run.leftovers));
  return {
    title: `7. Capture scope: one capture per worker against one per file (${FILES} files on ${WORKERS} workers)`,
    rows,
    targets: [
      {
        target: `'worker' creates one capture and puts one canary per worker (${WORKERS}), 'file' one per file (${FILES})`,
        measured: `captures ${fileRules.median} → ${workerRules.median}, canaries ${fileCanaries.median} → ${workerCanaries.median} (max ${workerRules.max} and ${workerCanaries.max} with 'worker')`,
        met: workerRules.max === WORKERS && workerCanaries.max === WORKERS && fileRules.min === FILES,
      },
      {
        target: 'a suite run leaves no capture queue or rule',
        measured: `${leftovers} after each of ${file.length + worker.length} runs`,
        met: leftovers === 0,
      },
      {
        target: "whole-run wall time, 'file' / 'worker' (ratio, reported)",
        measured: `${ratio.toFixed(2)}× (${fileWall.median.toFixed(1)} s vs ${workerWall.median.toFixed(1)} s)`,
        met: true,
      },
    ],
    notes: [
      `${file.length} runs of each scope, interleaved (each scope first every other run); each run is a fresh \`jest\` process on ${FILES} generated plain-JavaScript spec files (no transform) of ${TESTS_PER_FILE} tests each, \`--maxWorkers=${WORKERS}\`, configured with \`preset\` (the environment, the matchers, the global setup and teardown) and \`captureScope\` set to the scope measured; timed from spawn to exit (Jest's start-up included), and it must pass all ${FILES * TESTS_PER_FILE} tests. Each run has a Jest cache of its own, and its captures' names must show both workers: with the test times of earlier runs, Jest would run these fast files in band.`,
      `Each test puts one event with \`eventBridge.put\` and waits for it with \`toEmitEvent\`. Every AWS call crosses the proxy (${ctx.rttMs} ms each). The calls are counted at a request log in front of the proxy (bench/lib/requestLog.ts), which sees every process of the run: captures by PutRule and CreateQueue, canaries by the PutEvents entries of the readiness source.`,
      `After every run, ListRules and ListQueues by the run's prefix (\`${PREFIX}<run id>-\`, which every PutRule and CreateQueue of the run must have used) must find nothing: the section fails otherwise. With 'worker', the files of a worker reuse its capture without a readiness canary (each puts one hand-over canary as it ends, which wakes its last receive), and the global teardown removes both workers' captures after the last file.`,
      "What 'worker' saves is, on each worker, the setup, canary and teardown of every file after its first (section 1 measures them for one file), less one removal of each worker's capture in the global teardown. The emulator's CPU time is read from /proc for the run, and is less swayed than wall time by other work on the machine.",
    ],
    chart: [
      {
        title: `${FILES} files on ${WORKERS} workers: whole Jest run`,
        unit: 's',
        bars: [
          { tool: OURS, label: `${OURS} ('worker', default)`, value: workerWall.median },
          { tool: OURS, label: `${OURS} ('file')`, value: fileWall.median, variant: true },
        ],
      },
    ],
  };
}
