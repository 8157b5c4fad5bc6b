import type { FilePart, RecordedTest } from './filePart';
import { scrubText } from './redact';
import { REPORT_FORMAT_VERSION, type EventReport, type FileReport, type ReportStatus, type TestReport } from './reportModel';
import { plainText } from './reportText';

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

/** Why a file the runner failed to run is in the report without its recorded events. */
export const NO_PART_ERROR =
  "no part: the worker ended before the file's teardown (a crash, a kill), or the file did not run with jest-eventbridge, so no events were recorded";

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
  for (const test of recorded) {
    const key = keyOf(test);
    const same = byKey.get(key);
    if (same === undefined) byKey.set(key, [test]);
    else same.push(test);
  }
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

/** Masks the secret texts (the union of every part's) in text the runner wrote, and removes its colours. */
type Scrub = (text: string) => string;

function testReport(result: RunnerTestResult, recorded: RecordedTest | undefined, scrub: Scrub): TestReport {
  const startedAt = recorded?.startedAt ?? result.startedAt;
  const durationMs = result.durationMs ?? recorded?.durationMs;
  return {
    title: result.title,
    ancestors: result.ancestors,
    status: result.status,
    ...(startedAt !== undefined ? { startedAt } : {}),
    ...(durationMs !== undefined ? { durationMs } : {}),
    failureMessages: result.failureMessages.map(scrub),
    timeline: recorded?.timeline ?? [],
  };
}

/** Failed first, the rest kept in their order (a stable sort). */
function failedFirst<T>(items: readonly T[], failed: (item: T) => boolean): T[] {
  return [...items].sort((a, b) => Number(failed(b)) - Number(failed(a)));
}

function fileReport(rootDir: string, part: FilePart, result: RunnerFileResult | undefined, scrub: Scrub): FileReport {
  // No result from the runner (a run that ended before it reported the file): the recorded
  // tests are listed, but whether they passed is not known.
  const results = result?.tests ?? part.tests.map((test): RunnerTestResult => ({ ...test, status: 'unknown', failureMessages: [] }));
  const pairs = pairTests(results, part.tests);
  const tests = failedFirst(
    results.map((test) => testReport(test, pairs.get(test), scrub)),
    (test) => test.status === 'failed',
  );
  const error = part.error ?? result?.error;
  const failed = error !== undefined || result?.failed === true || tests.some((test) => test.status === 'failed');
  return {
    path: relativePath(rootDir, part.testPath),
    status: failed ? 'failed' : result === undefined ? 'unknown' : 'passed',
    ...(part.eventBusName !== undefined ? { eventBusName: part.eventBusName } : {}),
    ...(part.startedAt !== undefined ? { startedAt: part.startedAt } : {}),
    ...(part.durationMs !== undefined ? { durationMs: part.durationMs } : {}),
    ...(error !== undefined ? { error: scrub(error) } : {}),
    eventsForgotten: part.eventsForgotten,
    ...(part.putsForgotten !== undefined && part.putsForgotten > 0 ? { putsForgotten: part.putsForgotten } : {}),
    tests,
  };
}

/** A file the runner failed to run and that left no part: a worker that crashed or was killed mid-file. */
function crashedFileReport(rootDir: string, result: RunnerFileResult & { readonly error: string }, scrub: Scrub): FileReport {
  return {
    path: relativePath(rootDir, result.testPath),
    status: 'failed',
    error: `${NO_PART_ERROR}.\n\n${scrub(result.error)}`,
    eventsForgotten: 0,
    tests: failedFirst(
      result.tests.map((test) => testReport(test, undefined, scrub)),
      (test) => test.status === 'failed',
    ),
  };
}

/**
 * The newest part of each test file: a part left by an earlier run of the same file (a late
 * worker of a watch run) must not be joined with this run's result.
 */
function newestParts(parts: readonly FilePart[]): FilePart[] {
  const newest = new Map<string, FilePart>();
  for (const part of parts) {
    const kept = newest.get(part.testPath);
    if (kept === undefined || (part.writtenAt ?? 0) >= (kept.writtenAt ?? 0)) newest.set(part.testPath, part);
  }
  return [...newest.values()];
}

/** The `redact` paths that found a value in no part (a mistyped path masks nothing, silently otherwise). */
export function unmatchedRedactPaths(redact: readonly string[], parts: readonly FilePart[]): string[] {
  const matched = new Set(parts.flatMap((part) => part.redactMatched ?? []));
  return redact.filter((path) => !matched.has(path));
}

/**
 * The report of a run: each file that ran with jest-eventbridge (those with a part) joined with
 * the runner's results for it; failed files first, then by path. A file the runner failed to
 * run (its error set) with no part is listed with that error: its worker may have been killed
 * before the file's teardown wrote the part. Other files without a part did not use
 * jest-eventbridge and are left out. The runner's failure messages and errors print events'
 * details as they were: the secret texts every part collected are masked in them (`scrubText`).
 */
export function joinReport(inputs: JoinInputs): EventReport {
  const results = new Map(inputs.results.map((result) => [result.testPath, result]));
  const parts = newestParts(inputs.parts);
  const secrets = new Set(parts.flatMap((part) => part.secrets ?? []));
  const scrub: Scrub = (text) => scrubText(plainText(text), secrets);
  const withPart = new Set(parts.map((part) => part.testPath));
  const crashed = inputs.results.filter(
    (result): result is RunnerFileResult & { readonly error: string } => result.error !== undefined && !withPart.has(result.testPath),
  );
  const files = [
    ...parts.map((part) => fileReport(inputs.rootDir, part, results.get(part.testPath), scrub)),
    ...crashed.map((result) => crashedFileReport(inputs.rootDir, result, scrub)),
  ].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return {
    formatVersion: REPORT_FORMAT_VERSION,
    generatedAt: inputs.generatedAt,
    runner: inputs.runner,
    redacted: inputs.redacted,
    files: failedFirst(files, (file) => file.status === 'failed'),
  };
}
