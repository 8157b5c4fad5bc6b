/**
 * The event report from a real Vitest run: `vitest run` in a child process on
 * test/fixtures/report/vitest (the built package's Vitest entries, the reporter with options)
 * against the emulator, and the report.json and report.html it leaves.
 */
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { EventReport, MatcherEntry, PutEntry, TestReport } from '../../../src/core/report/reportModel';
import { createEventBus, deleteEventBus } from '../../../tools/emulator';

const REPO = resolve(__dirname, '../../..');
const FIXTURE_DIR = join(REPO, 'test/fixtures/report/vitest');
const VITEST_BIN = join(REPO, 'node_modules/vitest/vitest.mjs');
const endpoint = process.env.JEST_EVENTBRIDGE_TEST_ENDPOINT_RESOLVED as string;
const BUS = `report-vitest-${randomUUID().slice(0, 8)}`;
const work = mkdtempSync(join(tmpdir(), 'jeb-report-vitest-'));

jest.setTimeout(180_000);

beforeAll(() => createEventBus(endpoint, BUS));
afterAll(async () => {
  rmSync(work, { recursive: true, force: true });
  await deleteEventBus(endpoint, BUS);
});

/** Runs the fixture's spec files whose names contain one of `filters` in a child Vitest. */
function runVitest(
  name: string,
  filters: readonly string[],
): Promise<{ code: number | null; output: string; outputDir: string; partFolders: string[] }> {
  const outputDir = join(work, name);
  const partsRoot = join(work, `${name}-tmp`);
  mkdirSync(partsRoot);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    JEB_REPORT_BUS: BUS,
    JEB_REPORT_ENDPOINT: endpoint,
    JEB_REPORT_OUTPUT_DIR: outputDir,
    TMPDIR: partsRoot,
    NO_COLOR: '1',
  };
  // The child is a Vitest run, not a Jest worker: jest-eventbridge/vitest refuses to run under Jest.
  delete env.JEST_WORKER_ID;
  delete env.FORCE_COLOR;
  delete env.JEST_EVENTBRIDGE_RUN_ID;
  return new Promise((settle) => {
    execFile(
      process.execPath,
      [VITEST_BIN, 'run', '--config', join(FIXTURE_DIR, 'vitest.config.ts'), ...filters],
      { cwd: FIXTURE_DIR, env, timeout: 150_000, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) =>
        settle({
          code: error ? ((error as { code?: number }).code ?? null) : 0,
          output: `${stdout}\n${stderr}`,
          outputDir,
          partFolders: readdirSync(partsRoot),
        }),
    );
  });
}

describe('the Vitest reporter', () => {
  it('writes the failed test first, with its put, captured event and the matcher that failed and why', async () => {
    const run = await runVitest('report', ['orders']);
    expect(run.code).toBe(1);
    expect(run.output).toContain(`jest-eventbridge: event report in ${join(run.outputDir, 'report.html')}\n`);
    // The parts' folder goes when the Vitest process exits.
    expect(run.partFolders).toEqual([]);
    const report = JSON.parse(readFileSync(join(run.outputDir, 'report.json'), 'utf8')) as EventReport;
    expect(report).toMatchObject({ runner: 'vitest', redacted: ['detail.card.number'] });
    expect(
      report.files.map((file) => [file.path, file.status, file.tests.map((test) => [test.title, test.ancestors, test.status])]),
    ).toEqual([
      [
        'orders.spec.ts',
        'failed',
        [
          ['confirms an order', ['orders'], 'failed'],
          ['places an order', ['orders'], 'passed'],
        ],
      ],
    ]);
    const failed = report.files[0]?.tests[0] as TestReport;
    expect(failed.failureMessages.join('\n')).toContain('Expected an event matching');
    expect([...failed.timeline.map((entry) => entry.kind)].sort()).toEqual(['captured', 'matcher', 'put']);
    const put = failed.timeline.find((entry) => entry.kind === 'put') as PutEntry;
    const matcher = failed.timeline.find((entry) => entry.kind === 'matcher') as MatcherEntry;
    expect(put.entry).toMatchObject({ Detail: { orderId: 'o-2', card: { number: '[redacted]' } } });
    expect(matcher).toMatchObject({
      matcher: 'toEmitEvent',
      verdict: 'fail',
      windowMs: 1500,
      nearest: { eventId: put.eventId, reasons: ['detail-type: "OrderPlaced" is not "OrderConfirmed"'], format: 'reasons' },
    });
    expect(JSON.stringify(report.files[0]?.tests.map((test) => test.timeline))).not.toContain('4111111111111111');
    const html = readFileSync(join(run.outputDir, 'report.html'), 'utf8');
    expect(html).toContain('confirms an order');
    expect(html).not.toMatch(/\s(src|href)\s*=\s*["']?https?:/i);
    // Vitest's own failure message prints the event as it arrived: masked there too, in both files.
    expect(readFileSync(join(run.outputDir, 'report.json'), 'utf8')).not.toContain('4111111111111111');
    expect(html).not.toContain('4111111111111111');
  });

  it("lists a file whose fork was killed before its teardown, with Vitest's error, beside the file that ran", async () => {
    const run = await runVitest('crash', ['crash', 'orders']);
    expect(run.code).toBe(1);
    const report = JSON.parse(readFileSync(join(run.outputDir, 'report.json'), 'utf8')) as EventReport;
    expect(report.files.map((file) => [file.path, file.status])).toEqual([
      ['crash.spec.ts', 'failed'],
      ['orders.spec.ts', 'failed'],
    ]);
    expect(report.files[0]?.error).toMatch(/^no part: the worker ended before the file's teardown/);
  });
});
