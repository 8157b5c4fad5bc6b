/**
 * The shape of an event report (issue 17): what the reporter writes as `report.json` and embeds
 * in `report.html`. One model for both runners: each worker records a file's part, the reporter
 * joins the parts with the runner's own results. Times are epoch milliseconds (`...At`) or
 * milliseconds from the test's start (`offsetMs`); every payload is a JSON value, already
 * redacted where the `redact` option asked.
 *
 * Bump REPORT_FORMAT_VERSION when a field changes meaning or goes away; adding an optional field
 * does not need it.
 */

export const REPORT_FORMAT_VERSION = 1;

/** The whole report: `report.json`, and the data inside `report.html`. */
export interface EventReport {
  readonly formatVersion: typeof REPORT_FORMAT_VERSION;
  /** ISO 8601, when the reporter wrote it. */
  readonly generatedAt: string;
  readonly runner: 'jest' | 'vitest';
  /** The paths in `detail` that were masked (the `redact` option), as given. */
  readonly redacted: readonly string[];
  /** Failed files first, then by path. */
  readonly files: readonly FileReport[];
}

/**
 * `unknown`: the worker recorded the test but the runner gave no result for its file (a run that
 * ended before the runner reported it): it may have passed or failed.
 */
export type ReportStatus = 'passed' | 'failed' | 'skipped' | 'todo' | 'unknown';

export interface FileReport {
  /** Relative to the runner's root folder, with `/` separators. */
  readonly path: string;
  /** `unknown`: the worker recorded the file but the runner gave no result for it. */
  readonly status: 'passed' | 'failed' | 'unknown';
  /** The bus the file's capture listened to, when it started one. */
  readonly eventBusName?: string;
  /** Epoch ms when the file's capture was ready (its tests' offsets are from their own starts). */
  readonly startedAt?: number;
  readonly durationMs?: number;
  /**
   * Why the file failed outside any test (a capture that could not be set up, a worker that
   * crashed before the file's teardown and left no record: then the file lists no tests).
   */
  readonly error?: string;
  /** Events the store forgot (over `maxStoredEvents`): the report holds what the store held. */
  readonly eventsForgotten: number;
  /** Puts left out of the timelines over `maxStoredEvents` per file (absent: none). */
  readonly putsForgotten?: number;
  /** Failed tests first, then in the order they ran. */
  readonly tests: readonly TestReport[];
}

export interface TestReport {
  /** The test's own title. */
  readonly title: string;
  /** The enclosing `describe` titles, outermost first. */
  readonly ancestors: readonly string[];
  readonly status: ReportStatus;
  /** Epoch ms when the test (its beforeEach hooks included) began. */
  readonly startedAt?: number;
  readonly durationMs?: number;
  /** The runner's failure messages, colours removed. */
  readonly failureMessages: readonly string[];
  /** Everything that happened while the test ran, by `offsetMs`. */
  readonly timeline: readonly TimelineEntry[];
}

export type TimelineEntry = PutEntry | CapturedEntry | MatcherEntry | InvocationEntry;

/** An event the test put on the bus (`eventBridge.put`, `putFixture`). */
export interface PutEntry {
  readonly kind: 'put';
  readonly offsetMs: number;
  /** The id EventBridge gave it. */
  readonly eventId: string;
  readonly source: string;
  readonly detailType: string;
  readonly correlationId?: string;
  /** The entry as sent: `{ Source, DetailType, Detail (parsed), EventBusName, ... }`. */
  readonly entry: unknown;
  /** Why the put failed (EventBridge refused it, the request failed); `eventId` is then empty. */
  readonly error?: string;
}

/** An event the capture received and the test could see. */
export interface CapturedEntry {
  readonly kind: 'captured';
  readonly offsetMs: number;
  readonly eventId: string;
  readonly source: string;
  readonly detailType: string;
  readonly correlationId?: string;
  /** The whole envelope. */
  readonly event: unknown;
  /** With `mirrorRule.target`: what that target received. */
  readonly delivered?: unknown;
}

/** One waiting matcher call and its verdict (offline matchers such as `toMatchEventPattern` are not recorded). */
export interface MatcherEntry {
  readonly kind: 'matcher';
  /** When the matcher was called. */
  readonly offsetMs: number;
  /** How long it waited, in ms. */
  readonly durationMs: number;
  /** `toEmitEvent`, `toEmitEventTimes`, ... */
  readonly matcher: string;
  readonly isNot: boolean;
  /** The expectation as printed (a pattern, an object, a predicate's name). */
  readonly expected: string;
  /** The window it waited for, in ms. */
  readonly windowMs: number;
  /** Whether the assertion (with `.not` applied) held. */
  readonly verdict: 'pass' | 'fail';
  /** For a failure, the message, colours removed. */
  readonly message?: string;
  /**
   * For a failure, the nearest candidate event and why it did not match: `diff`, the lines of the
   * runner's diff of an object expectation; `reasons` (or absent), one failing condition each.
   */
  readonly nearest?: { readonly eventId: string; readonly reasons: readonly string[]; readonly format?: 'diff' | 'reasons' };
}

/** With local flows: one attempt of a handler invocation caused by an event in the test's view. */
export interface InvocationEntry {
  readonly kind: 'invocation';
  readonly offsetMs: number;
  readonly durationMs: number;
  readonly functionName: string;
  readonly logicalId: string;
  readonly requestId: string;
  readonly eventId: string;
  readonly ruleName: string;
  readonly attempt: number;
  readonly attempts: number;
  readonly outcome: 'success' | 'error' | 'timeout';
  readonly error?: { readonly name: string; readonly message: string; readonly stack?: string };
}
