import { writeStderr } from '../../foundation/log';
import type { RunnerFileResult, RunnerTestResult } from '../../core/report/joinReport';
import { validateReporterOptions } from '../../core/report/reporterOptions';
import type { ReportStatus } from '../../core/report/reportModel';
import { ReportRun } from '../../session/report/ReportRun';
import { checkReportFolder } from '../../session/report/writeReport';

/** How messages name the reporter's entry in a Jest config. */
export const JEST_REPORTER_ENTRY = "['jest-eventbridge/reporter', options]";

/** The part of Jest's global config the reporter reads. */
export interface JestReporterConfig {
  readonly rootDir: string;
}

/** The part of Jest's AssertionResult the report reads. */
export interface JestAssertionLike {
  readonly title: string;
  readonly ancestorTitles: readonly string[];
  readonly status: string;
  readonly startAt?: number | null;
  readonly duration?: number | null;
  readonly failureMessages: readonly string[];
}

/** The part of Jest's TestResult (one file) the report reads. */
export interface JestFileResultLike {
  readonly testFilePath: string;
  readonly numFailingTests: number;
  readonly testExecError?: { readonly message: string; readonly stack?: string | null };
  readonly failureMessage?: string | null;
  readonly testResults: readonly JestAssertionLike[];
}

/** Jest's statuses in the report's words: `pending` and `disabled` tests did not run. */
export function jestStatus(status: string): ReportStatus {
  if (status === 'passed' || status === 'failed' || status === 'todo') return status;
  return 'skipped';
}

/**
 * Why Jest could not run the file: its exec error (a worker that crashed or was killed is one),
 * else the file's whole failure message when no test ran at all.
 */
function jestFileError(result: JestFileResultLike): string | undefined {
  if (result.testExecError) return result.testExecError.stack ?? result.testExecError.message;
  return result.testResults.length === 0 && result.failureMessage ? result.failureMessage : undefined;
}

/** One file's result from Jest, runner-neutral. */
export function jestFileResult(result: JestFileResultLike): RunnerFileResult {
  const error = jestFileError(result);
  return {
    testPath: result.testFilePath,
    failed: error !== undefined || result.numFailingTests > 0,
    ...(error !== undefined ? { error } : {}),
    tests: result.testResults.map((test): RunnerTestResult => ({
      title: test.title,
      ancestors: test.ancestorTitles,
      status: jestStatus(test.status),
      ...(typeof test.startAt === 'number' ? { startedAt: test.startAt } : {}),
      ...(typeof test.duration === 'number' ? { durationMs: test.duration } : {}),
      failureMessages: test.failureMessages,
    })),
  };
}

/**
 * `reporters: ['default', 'jest-eventbridge/reporter']`, or with options
 * `['jest-eventbridge/reporter', { outputDir, redact }]`: writes the event report (issue 17) at
 * the end of each run. Jest builds its reporters in the main process before it starts the
 * workers (TestScheduler.scheduleTests sets them up, then runs the tests), so the variables this
 * constructor sets reach every worker; with `--runInBand` the files run in this process. In
 * watch mode Jest builds the reporters again for each run.
 */
export default class EventBridgeReporter {
  private readonly run: ReportRun;
  private readonly rootDir: string;

  /** @throws ConfigurationError naming each bad option and its fix */
  constructor(globalConfig: JestReporterConfig, options?: unknown) {
    this.rootDir = globalConfig.rootDir;
    const validated = validateReporterOptions(options, JEST_REPORTER_ENTRY);
    // Our global setup checked this already; a config whose global setup is not ours did not.
    checkReportFolder(this.rootDir, validated.outputDir, JEST_REPORTER_ENTRY);
    this.run = new ReportRun({ runner: 'jest', options: validated });
  }

  onRunComplete(_contexts: unknown, results: { readonly testResults: readonly JestFileResultLike[] }): void {
    try {
      const { line } = this.run.finish(results.testResults.map(jestFileResult), this.rootDir);
      writeStderr(`${line}\n`);
    } finally {
      // Watch mode builds a new reporter, with a folder of its own, for the next run.
      this.run.dispose();
    }
  }

  getLastError(): Error | undefined {
    return undefined;
  }
}

export { EventBridgeReporter };
