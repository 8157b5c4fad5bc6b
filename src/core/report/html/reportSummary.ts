import type { EventReport, TestReport } from '../reportModel';

/** What one test's list row shows without reading its timeline. */
export interface TestCounts {
  /** Events put plus events captured. */
  readonly events: number;
  /** Matcher calls whose assertion did not hold. */
  readonly failedMatchers: number;
  /** Invocations that ended in an error or a timeout. */
  readonly failedInvocations: number;
}

/** The counts of a report: the page's summary line, and each test's counts by file and test index. */
export interface ReportSummary {
  readonly files: number;
  readonly failedFiles: number;
  readonly tests: number;
  readonly failedTests: number;
  readonly skippedTests: number;
  /** Tests the runner gave no result for (status `unknown`). */
  readonly unknownTests: number;
  readonly puts: number;
  readonly captured: number;
  /** Per file, per test, in the report's order. */
  readonly counts: readonly (readonly TestCounts[])[];
}

function countsOf(test: TestReport): TestCounts {
  let events = 0;
  let failedMatchers = 0;
  let failedInvocations = 0;
  for (const entry of test.timeline) {
    if (entry.kind === 'put' || entry.kind === 'captured') events += 1;
    else if (entry.kind === 'matcher') failedMatchers += entry.verdict === 'fail' ? 1 : 0;
    else failedInvocations += entry.outcome === 'success' ? 0 : 1;
  }
  return { events, failedMatchers, failedInvocations };
}

/**
 * Counts a report's files, tests and entries. The page embeds the result beside the report, so
 * that opening it reads no timeline until a test is opened (a large run holds tens of thousands
 * of events).
 */
export function summarizeReport(report: EventReport): ReportSummary {
  let tests = 0;
  let failedTests = 0;
  let skippedTests = 0;
  let unknownTests = 0;
  let puts = 0;
  let captured = 0;
  const counts = report.files.map((file) =>
    file.tests.map((test) => {
      tests += 1;
      if (test.status === 'failed') failedTests += 1;
      if (test.status === 'skipped' || test.status === 'todo') skippedTests += 1;
      if (test.status === 'unknown') unknownTests += 1;
      for (const entry of test.timeline) {
        if (entry.kind === 'put') puts += 1;
        else if (entry.kind === 'captured') captured += 1;
      }
      return countsOf(test);
    }),
  );
  const failedFiles = report.files.filter((file) => file.status === 'failed').length;
  return { files: report.files.length, failedFiles, tests, failedTests, skippedTests, unknownTests, puts, captured, counts };
}

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** The summary line: `3 files · 12 tests · 2 failed · 57 events (20 put, 37 captured)`. */
export function describeSummary(summary: ReportSummary): string {
  const parts = [plural(summary.files, 'file', 'files'), plural(summary.tests, 'test', 'tests'), `${summary.failedTests} failed`];
  if (summary.skippedTests > 0) parts.push(`${summary.skippedTests} skipped`);
  if (summary.unknownTests > 0) parts.push(`${summary.unknownTests} with no result`);
  const events = summary.puts + summary.captured;
  parts.push(`${plural(events, 'event', 'events')} (${summary.puts} put, ${summary.captured} captured)`);
  return parts.join(' · ');
}
