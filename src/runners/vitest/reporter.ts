import { writeStderr } from '../../foundation/log';
import type { RunnerFileResult, RunnerTestResult } from '../../core/report/joinReport';
import { validateReporterOptions } from '../../core/report/reporterOptions';
import { checkReportFolder } from '../../session/report/writeReport';
import type { ReportStatus } from '../../core/report/reportModel';
import { ReportRun } from '../../session/report/ReportRun';

/** The parts of Vitest's reported tasks the report reads (Vitest 4 and 5's reporter API). */
export interface VitestErrorLike {
  readonly message?: string;
  readonly stack?: string;
}

interface VitestParentLike {
  readonly type: 'suite' | 'module';
  readonly name?: string;
  readonly parent?: VitestParentLike;
}

export interface VitestTestCaseLike {
  readonly name: string;
  readonly parent: VitestParentLike;
  result(): { readonly state: string; readonly errors?: readonly VitestErrorLike[] };
  diagnostic(): { readonly startTime: number; readonly duration: number } | undefined;
  readonly options?: { readonly mode?: string };
}

export interface VitestTestModuleLike {
  readonly moduleId: string;
  state(): string;
  errors(): readonly VitestErrorLike[];
  readonly children: { allTests(): Iterable<VitestTestCaseLike> };
}

function errorText(error: VitestErrorLike): string {
  return error.stack ?? error.message ?? 'unknown error';
}

/** A test case's state in the report's words: `pending` did not run, a `todo` says so in its mode. */
export function vitestStatus(test: VitestTestCaseLike): ReportStatus {
  const state = test.result().state;
  if (state === 'passed' || state === 'failed') return state;
  return test.options?.mode === 'todo' ? 'todo' : 'skipped';
}

function ancestorsOf(test: VitestTestCaseLike): string[] {
  const names: string[] = [];
  for (let parent: VitestParentLike | undefined = test.parent; parent?.type === 'suite'; parent = parent.parent)
    names.unshift(parent.name ?? '');
  return names;
}

/** A module's states once it ran to an end; any other at the run's end means its worker died under it. */
const ENDED_STATES: readonly string[] = ['passed', 'failed', 'skipped'];

/**
 * One file's result from Vitest, runner-neutral. A module that never reached an end while the
 * run had unhandled errors (its fork was killed: Vitest reports that as an error of the run, not
 * of the module) is a failed file whose error is the run's unhandled errors.
 * @param runErrors the run's unhandled errors (onTestRunEnd's second argument)
 */
export function vitestFileResult(module: VitestTestModuleLike, runErrors: readonly VitestErrorLike[] = []): RunnerFileResult {
  const state = module.state();
  const unended = !ENDED_STATES.includes(state) && runErrors.length > 0;
  const errors = unended
    ? [{ message: `Vitest gave no result for this file: it is still "${state}" at the run's end` }, ...runErrors]
    : module.errors();
  const tests = [...module.children.allTests()].map((test): RunnerTestResult => {
    const diagnostic = test.diagnostic();
    return {
      title: test.name,
      ancestors: ancestorsOf(test),
      status: vitestStatus(test),
      ...(diagnostic ? { startedAt: Math.round(diagnostic.startTime), durationMs: Math.round(diagnostic.duration) } : {}),
      failureMessages: (test.result().errors ?? []).map(errorText),
    };
  });
  return {
    testPath: module.moduleId,
    failed: unended || state === 'failed',
    ...(errors.length > 0 ? { error: errors.map(errorText).join('\n\n') } : {}),
    tests,
  };
}

/**
 * `test.reporters: ['default', 'jest-eventbridge/vitest/reporter']`, or with options
 * `[['jest-eventbridge/vitest/reporter', { outputDir, redact }]]`: writes the event report
 * (issue 17) at the end of each run. Vitest builds its reporters in the main process before the
 * global setup and the workers, which start with a copy of this process's variables, so the ones
 * this constructor sets reach them. Vitest keeps one reporter for a whole watch session, so the
 * parts' folder lives until the process exits, and each run's end writes that run's report.
 */
const VITEST_REPORTER_ENTRY = "['jest-eventbridge/vitest/reporter', options]";

export default class EventBridgeVitestReporter {
  private readonly run: ReportRun;
  private rootDir: string;
  private readonly outputDir: string;

  /** @throws ConfigurationError naming each bad option and its fix */
  constructor(options?: unknown) {
    const validated = validateReporterOptions(options, VITEST_REPORTER_ENTRY);
    this.outputDir = validated.outputDir;
    // Vitest gives its root at onInit.
    this.rootDir = process.cwd();
    this.run = new ReportRun({ runner: 'vitest', options: validated });
  }

  /** @throws ConfigurationError when outputDir names a file (Vitest stops before any test runs) */
  onInit(vitest: { readonly config: { readonly root: string } }): void {
    this.rootDir = vitest.config.root;
    checkReportFolder(this.rootDir, this.outputDir, VITEST_REPORTER_ENTRY);
  }

  onTestRunEnd(testModules: readonly VitestTestModuleLike[], unhandledErrors: readonly VitestErrorLike[] = []): void {
    const { line } = this.run.finish(
      testModules.map((module) => vitestFileResult(module, unhandledErrors)),
      this.rootDir,
    );
    writeStderr(`${line}\n`);
  }
}

export { EventBridgeVitestReporter };
