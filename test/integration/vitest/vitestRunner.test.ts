/**
 * Vitest as a runner: `vitest run` in a child process, with the README's Vitest config
 * (vitest.config.ts here), the built package's Vitest entry points, and the emulator this
 * suite's global setup started. It runs the README's tutorial spec (examples/orders.spec.ts,
 * the file the Jest demo runs), a spec of concurrent tests, a spec of the offline matcher
 * toMatchEventPattern and a spec that fails on purpose.
 * Needs `npm run build` first, as the rest of the integration suite does.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { randomUUID } from 'node:crypto';
import { listCaptureResources } from '../support/leftovers';

const REPO = resolve(__dirname, '../../..');
const VITEST_BIN = join(REPO, 'node_modules/vitest/vitest.mjs');
const RUN_TIMEOUT_MS = 240_000;

interface AssertionResult {
  readonly title: string;
  readonly status: string;
  readonly failureMessages: readonly string[];
}
interface FileResult {
  readonly name: string;
  readonly assertionResults: readonly AssertionResult[];
}
interface JsonReport {
  readonly numTotalTests: number;
  readonly numPassedTests: number;
  readonly numFailedTests: number;
  readonly testResults: readonly FileResult[];
}

interface Run {
  readonly code: number | null;
  readonly output: string;
  readonly report: JsonReport;
  readonly bus: string;
}

/** Runs `vitest run` on the given spec files; resolves with Vitest's JSON report. */
async function runVitest(extraEnv: Record<string, string> = {}): Promise<Run> {
  const folder = await mkdtemp(join(tmpdir(), 'jeb-vitest-'));
  const bus = `vitest-${randomUUID().slice(0, 8)}`;
  const reportFile = join(folder, 'report.json');
  const env: NodeJS.ProcessEnv = { ...process.env, JEB_VITEST_BUS: bus, NO_COLOR: '1', ...extraEnv };
  // The child is a Vitest run, not a Jest worker: jest-eventbridge/vitest refuses to run under Jest.
  delete env.JEST_WORKER_ID;
  delete env.FORCE_COLOR;
  try {
    const { code, output } = await new Promise<{ code: number | null; output: string }>((settle) => {
      execFile(
        process.execPath,
        [VITEST_BIN, 'run', '--config', 'test/integration/vitest/vitest.config.ts', '--reporter=json', `--outputFile=${reportFile}`],
        { cwd: REPO, env, timeout: RUN_TIMEOUT_MS, maxBuffer: 16 * 1024 * 1024 },
        (error, stdout, stderr) =>
          settle({ code: error ? ((error as { code?: number }).code ?? null) : 0, output: `${stdout}\n${stderr}` }),
      );
    });
    let report: JsonReport;
    try {
      report = JSON.parse(await readFile(reportFile, 'utf8')) as JsonReport;
    } catch (error) {
      throw new Error(`vitest wrote no report (exit ${code}): ${String(error)}\n${output}`);
    }
    return { code, output, report, bus };
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

function fileResult(run: Run, path: string): FileResult {
  const found = run.report.testResults.find((result) => relative(REPO, result.name) === path);
  if (!found) throw new Error(`no result for ${path} in: ${run.report.testResults.map((result) => result.name).join(', ')}\n${run.output}`);
  return found;
}

const statuses = (result: FileResult): string[] => result.assertionResults.map((test) => `${test.status}: ${test.title}`);

// The default pool, where each file is isolated and has a capture of its own, and threads with
// isolate: false, where one worker runs several files in turn in the same realm and they share
// the worker's capture (captureScope 'worker', the default), each with its own window and ids.
describe.each([
  { pool: 'forks', isolate: 'true', capture: /-failing-/ },
  { pool: 'threads', isolate: 'false', capture: /-worker-/ },
])('Vitest 4 runs the specs through jest-eventbridge/vitest (pool $pool, isolate $isolate)', ({ pool, isolate, capture }) => {
  let run: Run;

  beforeAll(async () => {
    run = await runVitest({ JEB_VITEST_POOL: pool, JEB_VITEST_ISOLATE: isolate });
  }, RUN_TIMEOUT_MS + 10_000);

  it('counts 16 passed and 1 failed test, and exits 1 for the failing spec', () => {
    expect({
      code: run.code,
      total: run.report.numTotalTests,
      passed: run.report.numPassedTests,
      failed: run.report.numFailedTests,
    }).toEqual({
      code: 1,
      total: 17,
      passed: 16,
      failed: 1,
    });
  });

  it('passes every test of the README tutorial spec, the file the Jest demo runs', () => {
    expect(statuses(fileResult(run, 'examples/orders.spec.ts'))).toEqual([
      'passed: confirms an order with its total',
      'passed: reserves each item exactly once, and does not reject the order',
      'passed: rejects an order without items',
      'passed: confirms before it reserves, in event-time order',
      'passed: confirms it with its total',
      'passed: reserves each item exactly once',
      'passed: does not reject it',
    ]);
  });

  it('isolates concurrent tests: each sees only its own events', () => {
    expect(statuses(fileResult(run, 'test/integration/vitest/specs/concurrent.spec.ts'))).toEqual([
      'passed: sees only order c1',
      'passed: sees only order c2',
      'passed: sees only order c3',
      'passed: a concurrent test at the top level sees only its own order',
    ]);
  });

  it('runs the offline matcher toMatchEventPattern on Vitest’s expect, with its messages', () => {
    expect(statuses(fileResult(run, 'test/integration/vitest/specs/eventPattern.spec.ts'))).toEqual([
      'passed: passes for a matching put entry, synchronously',
      'passed: fails with every failing condition at its path',
      'passed: .not passes for an event that does not match',
      'passed: .not fails saying that it matched',
      "passed: is a matcher error for an invalid pattern, with the pattern language's message",
    ]);
  });

  it("leaves no capture rule on the bus (a file removes its own, the run's teardown the workers')", async () => {
    // Rules only: queues are listed account-wide, where parallel files of this suite have theirs.
    const { rules } = await listCaptureResources(process.env.JEST_EVENTBRIDGE_TEST_ENDPOINT_RESOLVED as string, [run.bus]);
    expect(rules).toEqual([]);
  });

  it("reports a failed matcher with the matcher's own message", () => {
    const [failed, ...others] = fileResult(run, 'test/integration/vitest/specs/failing.spec.ts').assertionResults;
    expect(others).toEqual([]);
    expect(failed?.status).toBe('failed');
    expect(failed?.failureMessages[0]).toMatch(capture);
    // The message without Vitest's stack, with the run's random names and timings replaced.
    const message = (failed?.failureMessages[0] ?? '').split('\n    at ')[0]!;
    const normalized = message
      .replace(`"${run.bus}"`, '"<bus>"')
      .replace(`Bus ${run.bus} `, 'Bus <bus> ')
      .replace(/queue jeb-[a-z0-9]+-w\d+-failing-[a-z0-9]+,/, 'queue <queue>,')
      // With isolate: false, the file shares its worker's capture, and its ids carry its number.
      .replace(/queue jeb-[a-z0-9]+-w\d+-worker-[a-z0-9]+ \(this worker's capture, reused by its files\),/, 'queue <queue>,')
      .replace(/jeb-[a-z0-9]+-w\d+-[a-z0-9]+:(f\d+-[A-Za-z0-9_-]*\.)?/g, '<file>:')
      .replace(/Waited 1\.5\d s/, 'Waited 1.5x s')
      .replace(/ [+-]\d+\.\d\d s /g, ' <time> ');
    expect(normalized.split('\n')).toEqual([
      'Error: expect(eventBridge).toEmitEvent(expected, options)',
      '',
      'Expected an event matching: Object {',
      '  "detail-type": "OrderShipped",',
      '}',
      'Waited 1.5x s on bus "<bus>" via queue <queue>, scoped to correlation id <file>:t1 and its enclosing blocks\' <file>:file at detail.metadata.correlationId; 2 events arrived in that window. None matched.',
      '',
      'Events that arrived (2):',
      '  1. <time>  shop.orders  OrderPlaced  {"orderId":"f1","items":[],"metadata":{"correlationId":"<file>:t1"}}',
      '  2. <time>  shop.billing  OrderRejected  {"orderId":"f1","reason":"NO_ITEMS","metadata":{"correlationId":"<file>:t1"}}',
      // The service runs by local flows started in the spec's own setup, whose rules are not on the bus.
      '',
      'Bus <bus> has no rule with an event pattern besides captures, so no rule on it routes the 1 event this test put.',
    ]);
  });
});
