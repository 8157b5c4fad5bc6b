/**
 * `npm run bench`: starts the emulator and a proxy that adds a fixed round trip to every AWS
 * call, measures jest-eventbridge against sls-test-tools, aws-testing-library and a raw SDK loop,
 * prints the table, and (on a full run) writes docs/BENCHMARKS.md and docs/benchmarks.svg.
 *
 *   npm run bench                       full run, 30 ms round trip
 *   BENCH_RTT_MS=80 npm run bench       another round trip (or: npm run bench -- --rtt=80)
 *   npm run bench -- --quick            fewer repetitions, prints only
 *   npm run bench -- --only=detection   one section, prints only
 *   npm run bench -- --only=scope       captureScope 'worker' against 'file' (section 7)
 *   npm run bench -- --only=page        the event report page in headless Chromium (section 8)
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startFaultProxy, type FaultProxy } from '../test/support/faultProxy';
import { resolveTestEndpoint, TEST_ENDPOINT_ENV, TEST_REGION, type TestEmulator } from '../tools/emulator';
import { benchCaptureScope } from './captureScope';
import { benchDetection } from './detection';
import { benchDrain } from './drain';
import { benchEmulatorCost } from './emulatorCost';
import { benchLocalFlows } from './localFlows';
import { currentLoad, describeMachine, ourVersion } from './lib/machine';
import { parseOptions, UsageError, type BenchOptions } from './lib/options';
import { repoRoot } from './lib/paths';
import { findListeningPid } from './lib/processCpu';
import { ensurePeersInstalled, loadPeers, peerVersions, type Peers } from './lib/peers';
import type { BenchContext, SectionResult } from './lib/results';
import { benchMatching } from './matching';
import { benchRealistic } from './realistic';
import { benchReportPage } from './reportPage';
import { markdown, svgChart, targetsText, textTable, type RunInfo } from './report';
import { benchSetupTeardown } from './setupTeardown';
import { constant } from './lib/stats';

function log(line: string): void {
  process.stderr.write(`bench: ${line}\n`);
}

/** Fake credentials and quiet SDKs: the emulator accepts anything, and no real account is ever used. */
function prepareEnvironment(): void {
  process.env.AWS_ACCESS_KEY_ID = 'test';
  process.env.AWS_SECRET_ACCESS_KEY = 'test';
  delete process.env.AWS_SESSION_TOKEN;
  delete process.env.AWS_PROFILE;
  process.env.AWS_REGION = TEST_REGION;
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  process.env.AWS_SDK_JS_SUPPRESS_MAINTENANCE_MODE_MESSAGE ??= '1';
}

async function main(options: BenchOptions): Promise<void> {
  const began = performance.now();
  const loadAtStart = currentLoad();
  prepareEnvironment();
  const wants = (name: Parameters<BenchOptions['only']['has']>[0]): boolean => options.only.has(name);
  const needsPeers = wants('setup') || wants('detection') || wants('realistic');
  if (needsPeers) ensurePeersInstalled(log);

  const external = (process.env[TEST_ENDPOINT_ENV] ?? '').trim() !== '';
  let emulator: TestEmulator | undefined;
  let proxy: FaultProxy | undefined;
  const sections: SectionResult[] = [];
  try {
    log(external ? `using the emulator at ${TEST_ENDPOINT_ENV}` : 'starting the emulator');
    emulator = await resolveTestEndpoint();
    proxy = await startFaultProxy(emulator.endpoint, { latencyMs: options.rttMs });
    const emulatorPid = findListeningPid(Number(new URL(emulator.endpoint).port));
    const ctx: BenchContext = {
      endpoint: proxy.endpoint,
      emulatorEndpoint: emulator.endpoint,
      region: TEST_REGION,
      rttMs: options.rttMs,
      quick: options.quick,
      log,
      ...(emulatorPid === undefined ? {} : { emulatorPid }),
    };
    const peers: Peers | undefined = needsPeers ? loadPeers(proxy.endpoint, TEST_REGION) : undefined;
    const need = (): Peers => {
      if (!peers) throw new Error('the compared tools were not loaded');
      return peers;
    };

    // Always, and first: every other number is bounded by it, and section 3 builds on it.
    const calibrationStart = performance.now();
    const emulatorCost = await benchEmulatorCost(ctx);
    const calibration: SectionResult = { ...emulatorCost.section, durationS: (performance.now() - calibrationStart) / 1000 };
    if (wants('setup')) sections.push(await timed(() => benchSetupTeardown(ctx, need())));
    if (wants('detection')) sections.push(await timed(() => benchDetection(ctx, need(), emulatorCost.plainCallMs)));
    if (wants('realistic')) sections.push(await timed(() => benchRealistic(ctx, emulatorCost.perDeliveryMs)));
    if (wants('drain')) sections.push(await timed(() => benchDrain(ctx)));
    if (wants('matching')) sections.push(await timed(() => matchingSection(log)));
    if (wants('local')) sections.push(await timed(() => benchLocalFlows(ctx, emulatorCost)));
    if (wants('scope')) sections.push(await timed(() => benchCaptureScope(ctx)));
    if (wants('page')) sections.push(await timed(() => benchReportPage(ctx)));
    sections.push(calibration);
  } finally {
    await proxy?.close();
    await emulator?.stop();
  }

  const machine = describeMachine(external, loadAtStart);
  const info: RunInfo = {
    date: new Date().toISOString().slice(0, 16).replace('T', ' ') + ' UTC',
    command:
      ['npm run bench', ...(options.argv.length > 0 ? ['--', ...options.argv] : [])].join(' ') +
      (process.env.BENCH_RTT_MS ? ` (BENCH_RTT_MS=${process.env.BENCH_RTT_MS})` : ''),
    machine,
    rttMs: options.rttMs,
    durationS: (performance.now() - began) / 1000,
    versions: { ours: ourVersion(repoRoot()), peers: peerVersions() },
  };
  process.stdout.write(`\n${textTable(sections)}\n\nTargets:\n${targetsText(sections.flatMap((section) => section.targets))}\n`);
  process.stdout.write(
    `\n${machine.cpu}, ${machine.cores} cores, Node.js ${machine.node}, ${machine.emulator}, ${options.rttMs} ms RTT, ${info.durationS.toFixed(0)} s\n`,
  );
  if (options.quick) {
    process.stdout.write('(--quick or --only: docs/BENCHMARKS.md and docs/benchmarks.svg were left as they are)\n');
    return;
  }
  const docs = join(repoRoot(), 'docs');
  writeFileSync(join(docs, 'BENCHMARKS.md'), markdown(info, sections));
  writeFileSync(
    join(docs, 'benchmarks.svg'),
    svgChart(
      sections.flatMap((section) => section.chart),
      info,
    ),
  );
  process.stdout.write('wrote docs/BENCHMARKS.md and docs/benchmarks.svg\n');
}

async function timed(run: () => Promise<SectionResult>): Promise<SectionResult> {
  const started = performance.now();
  const section = await run();
  const durationS = (performance.now() - started) / 1000;
  log(`${section.title}: ${durationS.toFixed(0)} s`);
  return { ...section, durationS };
}

/** Section 5 comes from bench/matching.ts, which also runs on its own. */
async function matchingSection(say: (line: string) => void): Promise<SectionResult> {
  say('matching: timing compiled patterns');
  const results = await benchMatching();
  return {
    title: '5. Matching cost',
    rows: results.map((result) => ({
      metric: result.metric,
      tool: 'jest-eventbridge',
      unit: result.unit,
      summary: constant(result.value, 1),
      digits: result.unit === 'ratio' || result.unit === 'µs' ? 2 : 0,
      ...(result.note ? { note: result.note } : {}),
    })),
    targets: [],
    notes: [
      'In-process, no AWS: the median of 7 timed rounds per row (bench/matching.ts, which also runs alone: `node .tmp/bench/bench/matching.js`).',
    ],
    chart: [],
  };
}

let options: BenchOptions;
try {
  options = parseOptions(process.argv.slice(2), process.env);
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(error instanceof UsageError ? 2 : 1);
}
main(options).then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
