import type { TimelineEntry } from './reportModel';

/**
 * What one test file's worker records for the event report (issue 17): written at the file's
 * teardown, read by the reporter in the runner's main process, which joins it with the runner's
 * own results (titles, status, failure messages). Payloads in it are already redacted.
 */
export interface FilePart {
  readonly partFormat: typeof FILE_PART_FORMAT;
  /** The test file, as the runner gave it (absolute). */
  readonly testPath: string;
  readonly eventBusName?: string;
  /** Epoch ms when the file's capture was ready. */
  readonly startedAt?: number;
  readonly durationMs?: number;
  /** Why the capture could not be set up (the file's tests then did not run). */
  readonly error?: string;
  /** Events the store forgot over `maxStoredEvents`: timelines hold what the store held. */
  readonly eventsForgotten: number;
  /** Puts not recorded over `maxStoredEvents` per file (absent: none). */
  readonly putsForgotten?: number;
  /**
   * The texts of the values `redact` masked in this file (puts and captured events, hooks' and
   * forgotten ones included): the reporter masks them in the runner's failure messages, which
   * print events' details. Only in the parts' private folder, never in the report.
   */
  readonly secrets?: readonly string[];
  /** The `redact` paths that found a value in this file: a path no file matched is reported. */
  readonly redactMatched?: readonly string[];
  /** Epoch ms when the part was written: of two parts of one file, the newer is the one read. */
  readonly writtenAt?: number;
  /** In the order the tests began. */
  readonly tests: readonly RecordedTest[];
}

/** Bumped when a part's shape changes: a reporter reads only parts of its own format. */
export const FILE_PART_FORMAT = 1;

/** One test (a runner's test case) as the worker saw it. */
export interface RecordedTest {
  readonly title: string;
  /** The enclosing `describe` titles, outermost first. */
  readonly ancestors: readonly string[];
  /** Epoch ms when the test (its beforeEach hooks included) began. */
  readonly startedAt: number;
  /** Until its afterEach hooks ended, when the runner said so. */
  readonly durationMs?: number;
  /** Offsets from `startedAt`, in ms; sorted by offset. */
  readonly timeline: readonly TimelineEntry[];
}

/** Whether a value read from a part's file is a part this reporter can read. */
export function isFilePart(value: unknown): value is FilePart {
  if (typeof value !== 'object' || value === null) return false;
  const part = value as Partial<Record<keyof FilePart, unknown>>;
  return part.partFormat === FILE_PART_FORMAT && typeof part.testPath === 'string' && Array.isArray(part.tests);
}
