import { stripVTControlCharacters } from 'node:util';
import type { FilePart, RecordedTest } from './filePart';
import { REPORT_FORMAT_VERSION, type EventReport, type FileReport, type ReportStatus, type TestReport } from './reportModel';

/** One test as the runner reports it (Jest's assertion result, Vitest's test case). */
export interface RunnerTestResult {
  readonly title: string;
  /** The enclosing `describe` titles, outermost first (not the file). */
  readonly ancestors: readonly string[];
  readonly status: ReportStatus;
  /** Epoch ms, when the runner knows it. */
  readonly startedAt?: number;
  readonly durationMs?: number;
  /** As the runner prints them: colours are removed here. */
  readonly failureMessages: readonly string[];
}

/** One test file as the runner reports it. */
export interface RunnerFileResult {
  /** Absolute, as the runner gave it to the worker. */
  readonly testPath: string;
  readonly failed: boolean;
  /** Why the file failed outside its tests (a setup that threw, a syntax error). */
  readonly error?: string;
  /** In the order they ran. */
  readonly tests: readonly RunnerTestResult[];
}

export interface JoinInputs {
  readonly runner: EventReport['runner'];
  /** The runner's root folder: file paths in the report are relative to it. */
  readonly rootDir: string;
  readonly redacted: readonly string[];
  /** ISO 8601. */
  readonly generatedAt: string;
  readonly results: readonly RunnerFileResult[];
  readonly parts: readonly FilePart[];
}

/** Text as a terminal would show it, without its colours. */
export function plainText(text: string): string {
  return stripVTControlCharacters(text);
}

/** `a/b.test.ts` from the root folder, with `/` whatever the platform; the path itself outside it. */
export function relativePath(rootDir: string, testPath: string): string {
  const root = rootDir.replace(/\\/g, '/').replace(/\/+$/, '');
  const path = testPath.replace(/\\/g, '/');
  return path.startsWith(`${root}/`) ? path.slice(root.length + 1) : path;
}

const keyOf = (test: { readonly title: string; readonly ancestors: readonly string[] }): string =>
  JSON.stringify([...test.ancestors, test.title]);

/**
 * Pairs the runner's tests with the recorded ones by their titles (ancestors and title), in the
 * order each ran. A test the runner retried was recorded once per attempt: its last attempts
 * are the ones paired, as the runner's result is the last attempt's.
 */
function pairTests(results: readonly RunnerTestResult[], recorded: readonly RecordedTest[]): Map<RunnerTestResult, RecordedTest> {
  const byKey = new Map<string, RecordedTest[]>();
  for (const test of recorded) byKey.set(keyOf(test), [...(byKey.get(keyOf(test)) ?? []), test]);
  const wanted = new Map<string, number>();
  for (const result of results) wanted.set(keyOf(result), (wanted.get(keyOf(result)) ?? 0) + 1);
  for (const [key, tests] of byKey) byKey.set(key, tests.slice(Math.max(0, tests.length - (wanted.get(key) ?? 0))));
  const pairs = new Map<RunnerTestResult, RecordedTest>();
  for (const result of results) {
    const next = byKey.get(keyOf(result))?.shift();
    if (next !== undefined) pairs.set(result, next);
  }
  return pairs;
}

function testReport(result: RunnerTestResult, recorded: RecordedTest | undefined): TestReport {
  const startedAt = recorded?.startedAt ?? result.startedAt;
  const durationMs = result.durationMs ?? recorded?.durationMs;
  return {
    title: result.title,
    ancestors: result.ancestors,
    status: result.status,
    ...(startedAt !== undefined ? { startedAt } : {}),
    ...(durationMs !== undefined ? { durationMs } : {}),
    failureMessages: result.failureMessages.map(plainText),
    timeline: recorded?.timeline ?? [],
  };
}

/** Failed first, the rest kept in their order (a stable sort). */
function failedFirst<T>(items: readonly T[], failed: (item: T) => boolean): T[] {
  return [...items].sort((a, b) => Number(failed(b)) - Number(failed(a)));
}

function fileReport(rootDir: string, part: FilePart, result: RunnerFileResult | undefined): FileReport {
  const results = result?.tests ?? part.tests.map((test): RunnerTestResult => ({ ...test, status: 'passed', failureMessages: [] }));
  const pairs = pairTests(results, part.tests);
  const tests = failedFirst(
    results.map((test) => testReport(test, pairs.get(test))),
    (test) => test.status === 'failed',
  );
  const error = part.error ?? result?.error;
  const failed = error !== undefined || result?.failed === true || tests.some((test) => test.status === 'failed');
  return {
    path: relativePath(rootDir, part.testPath),
    status: failed ? 'failed' : 'passed',
    ...(part.eventBusName !== undefined ? { eventBusName: part.eventBusName } : {}),
    ...(part.startedAt !== undefined ? { startedAt: part.startedAt } : {}),
    ...(part.durationMs !== undefined ? { durationMs: part.durationMs } : {}),
    ...(error !== undefined ? { error: plainText(error) } : {}),
    eventsForgotten: part.eventsForgotten,
    tests,
  };
}

/**
 * The report of a run: each file that ran with jest-eventbridge (those with a part) joined with
 * the runner's results for it; failed files first, then by path. Files without a part did not
 * use jest-eventbridge and are left out.
 */
export function joinReport(inputs: JoinInputs): EventReport {
  const results = new Map(inputs.results.map((result) => [result.testPath, result]));
  const files = inputs.parts
    .map((part) => fileReport(inputs.rootDir, part, results.get(part.testPath)))
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return {
    formatVersion: REPORT_FORMAT_VERSION,
    generatedAt: inputs.generatedAt,
    runner: inputs.runner,
    redacted: inputs.redacted,
    files: failedFirst(files, (file) => file.status === 'failed'),
  };
}
