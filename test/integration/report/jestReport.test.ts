/**
 * The event report from a real Jest run: a child Jest on test/fixtures/report (the built package
 * as a user loads it, the reporter in its `reporters`) against the emulator, in band and with
 * workers, and the report.json and report.html it leaves.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { CapturedEntry, EventReport, MatcherEntry, PutEntry, TestReport } from '../../../src/core/report/reportModel';
import { createEventBus, deleteEventBus } from '../../../tools/emulator';

const REPO_ROOT = resolve(__dirname, '../../..');
const FIXTURE_DIR = resolve(REPO_ROOT, 'test/fixtures/report');
const JEST_BIN = join(REPO_ROOT, 'node_modules', 'jest', 'bin', 'jest.js');
const endpoint = process.env.JEST_EVENTBRIDGE_TEST_ENDPOINT_RESOLVED as string;
const BUS = `report-test-${randomUUID().slice(0, 8)}`;

jest.setTimeout(120_000);

interface ChildRun {
  readonly code: number | null;
  readonly output: string;
  readonly outputDir: string;
  /** The temporary folders the reporter made, as the run left them. */
  readonly partFolders: string[];
}

const work = mkdtempSync(join(tmpdir(), 'jeb-report-'));

/** Runs the fixture's specs in a child Jest; resolves when it exits (Jest's own timeout bounds it). */
function runChildJest(
  specs: readonly string[],
  runArgs: readonly string[],
  name: string,
  extraEnv: Readonly<Record<string, string>> = {},
): Promise<ChildRun> {
  const outputDir = join(work, name);
  const partsRoot = join(work, `${name}-tmp`);
  mkdirSync(partsRoot);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    JEB_REPORT_PACKAGE_ROOT: REPO_ROOT,
    JEB_REPORT_BUS: BUS,
    JEB_REPORT_ENDPOINT: endpoint,
    JEB_REPORT_OUTPUT_DIR: outputDir,
    JEB_REPORT_CACHE_DIR: join(work, `${name}-cache`),
    // The reporter's parts go under the system's temporary folder: this one, to see it removed.
    TMPDIR: partsRoot,
    FORCE_COLOR: '0',
    ...extraEnv,
  };
  delete env.JEST_WORKER_ID;
  delete env.JEST_EVENTBRIDGE_RUN_ID;
  const args = [
    JEST_BIN,
    '--config',
    join(FIXTURE_DIR, 'jest.config.js'),
    ...runArgs,
    '--runTestsByPath',
    ...specs.map((spec) => join(FIXTURE_DIR, 'specs', spec)),
  ];
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, args, { cwd: FIXTURE_DIR, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    child.once('error', reject);
    child.once('close', (code) => resolvePromise({ code, output, outputDir, partFolders: readdirSync(partsRoot) }));
  });
}

function readReport(run: ChildRun): EventReport {
  return JSON.parse(readFileSync(join(run.outputDir, 'report.json'), 'utf8')) as EventReport;
}

/** The kinds of a test's entries, in their order; whether the event arrives before the matcher starts is a race. */
const kinds = (test: TestReport): string[] => test.timeline.map((entry) => entry.kind);
const byOffset = (test: TestReport): number[] => test.timeline.map((entry) => entry.offsetMs);
const entryOf = <K extends TestReport['timeline'][number]['kind']>(test: TestReport, kind: K) =>
  test.timeline.find((entry) => entry.kind === kind) as Extract<TestReport['timeline'][number], { kind: K }>;

beforeAll(() => createEventBus(endpoint, BUS));
afterAll(async () => {
  rmSync(work, { recursive: true, force: true });
  await deleteEventBus(endpoint, BUS);
});

describe('the Jest reporter', () => {
  it('in band: writes the failed test first, with its puts, captured events and the matcher that failed and why', async () => {
    const run = await runChildJest(['orders.spec.js'], ['--runInBand'], 'in-band');
    expect(run.code).toBe(1);
    // Outside the working folder, the path is printed whole.
    expect(run.output).toContain(`jest-eventbridge: event report in ${join(run.outputDir, 'report.html')}\n`);
    expect(run.partFolders).toEqual([]);

    const report = readReport(run);
    expect(report).toMatchObject({ formatVersion: 1, runner: 'jest', redacted: ['detail.card.number'] });
    expect(report.files.map((file) => [file.path, file.status, file.eventBusName, file.eventsForgotten])).toEqual([
      ['specs/orders.spec.js', 'failed', BUS, 0],
    ]);
    const [failed, passed] = report.files[0]?.tests ?? [];
    expect([failed?.title, failed?.ancestors, failed?.status]).toEqual(['confirms an order', ['orders'], 'failed']);
    expect([passed?.title, passed?.status]).toEqual(['places an order', 'passed']);
    expect(failed?.failureMessages.join('\n')).toContain('Expected an event matching');

    // The put first, then the matcher's call and the event it waited for, by offset from the test's start.
    expect(kinds(failed as TestReport)).toEqual(['put', expect.any(String), expect.any(String)]);
    expect([...kinds(failed as TestReport)].sort()).toEqual(['captured', 'matcher', 'put']);
    expect(byOffset(failed as TestReport)).toEqual([...byOffset(failed as TestReport)].sort((a, b) => a - b));
    const put: PutEntry = entryOf(failed as TestReport, 'put');
    const matcher: MatcherEntry = entryOf(failed as TestReport, 'matcher');
    const captured: CapturedEntry = entryOf(failed as TestReport, 'captured');
    expect(put).toMatchObject({ source: 'report.orders', detailType: 'OrderPlaced' });
    expect(put.entry).toMatchObject({
      Source: 'report.orders',
      Detail: { orderId: 'o-2', card: { number: '[redacted]', holder: 'A. Person' } },
    });
    expect(captured).toMatchObject({ eventId: put.eventId, source: 'report.orders', detailType: 'OrderPlaced' });
    expect(captured.event).toMatchObject({ id: put.eventId, detail: { orderId: 'o-2', card: { number: '[redacted]' } } });
    expect(put.offsetMs).toBeGreaterThanOrEqual(0);
    expect(matcher.offsetMs).toBeGreaterThanOrEqual(put.offsetMs);
    expect(captured.offsetMs).toBeGreaterThanOrEqual(put.offsetMs);
    expect(matcher).toMatchObject({
      matcher: 'toEmitEvent',
      isNot: false,
      verdict: 'fail',
      windowMs: 1500,
      nearest: { eventId: put.eventId, reasons: [expect.stringContaining('detail-type')], format: 'reasons' },
    });
    expect(matcher.durationMs).toBeGreaterThanOrEqual(1400);
    expect(matcher.expected).toContain('OrderConfirmed');
    expect(matcher.message).toContain('Nearest candidate (event 1):');
    // Colours removed.
    expect(matcher.message).not.toContain('\u001b[');

    expect([...kinds(passed as TestReport)].sort()).toEqual(['captured', 'matcher', 'put']);
    expect((passed as TestReport).timeline.find((entry) => entry.kind === 'matcher')).toMatchObject({ verdict: 'pass' });
    // The other test's event is not in this one's view.
    expect((passed as TestReport).timeline.filter((entry) => entry.kind === 'captured')).toHaveLength(1);

    // Nothing of the card number reached the puts, the envelopes or the matcher's message (which lists the events).
    expect(matcher.message).toContain('{"orderId":"o-2","card":{"number":"[redacted]","holder":"A. Person"}}');
    expect(JSON.stringify(report.files[0]?.tests.map((test) => test.timeline))).not.toContain('4111111111111111');

    const html = readFileSync(join(run.outputDir, 'report.html'), 'utf8');
    expect(html).toContain('confirms an order');
    expect(html).not.toMatch(/\s(src|href)\s*=\s*["']?https?:/i);

    // Jest's own failure message prints the event as it arrived: the reporter masks it there too,
    // so neither whole file holds the card number.
    expect(failed?.failureMessages.join('\n')).toContain('"number":"[redacted]"');
    expect(readFileSync(join(run.outputDir, 'report.json'), 'utf8')).not.toContain('4111111111111111');
    expect(html).not.toContain('4111111111111111');
  });

  it('with workers: each worker writes its file part, and the passing file comes after the failed one', async () => {
    const run = await runChildJest(['payments.spec.js', 'orders.spec.js'], ['--maxWorkers', '2'], 'workers');
    expect(run.code).toBe(1);
    expect(run.partFolders).toEqual([]);
    const report = readReport(run);
    expect(report.files.map((file) => [file.path, file.status, file.tests.map((test) => test.status)])).toEqual([
      ['specs/orders.spec.js', 'failed', ['failed', 'passed']],
      ['specs/payments.spec.js', 'passed', ['passed']],
    ]);
    expect([...kinds(report.files[1]?.tests[0] as TestReport)].sort()).toEqual(['captured', 'matcher', 'put']);
  });

  it('lists a file whose environment could not be built, and one whose capture could not be set up, with why', async () => {
    const run = await runChildJest(['badOptions.spec.js', 'missingBus.spec.js'], ['--runInBand'], 'setup-errors', {
      AWS_ENDPOINT_URL: endpoint,
    });
    expect(run.code).toBe(1);
    expect(run.partFolders).toEqual([]);
    const report = readReport(run);
    expect(report.files.map((file) => [file.path, file.status, file.tests.length])).toEqual([
      ['specs/badOptions.spec.js', 'failed', 0],
      ['specs/missingBus.spec.js', 'failed', 0],
    ]);
    expect(report.files[0]?.error).toContain('This file has a @jest-environment-options docblock');
    expect(report.files[1]?.error).toContain('report-no-such-bus');
  });

  it("lists a file whose worker was killed before its teardown, with Jest's error, beside the files that ran", async () => {
    const run = await runChildJest(['crash.spec.js', 'payments.spec.js'], ['--maxWorkers', '2'], 'crash');
    expect(run.code).toBe(1);
    const report = readReport(run);
    expect(report.files.map((file) => [file.path, file.status, file.tests.length])).toEqual([
      ['specs/crash.spec.js', 'failed', 0],
      ['specs/payments.spec.js', 'passed', 1],
    ]);
    expect(report.files[0]?.error).toMatch(/^no part: the worker ended before the file's teardown/);
    expect(report.files[0]?.error).toContain('signal=SIGKILL');
  });

  it('with no file on jest-eventbridge: writes nothing and says so', async () => {
    const run = await runChildJest(['plain.spec.js'], ['--runInBand'], 'plain');
    expect(run.code).toBe(0);
    expect(run.output).toContain('jest-eventbridge: no test file ran with jest-eventbridge, so no event report was written.');
    expect(existsSync(run.outputDir)).toBe(false);
    expect(run.partFolders).toEqual([]);
  });
});
