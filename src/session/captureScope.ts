/**
 * Whether a file shares its worker's capture (`captureScope: 'worker'`) or makes its own: a pure
 * decision from the options and what the runner's adapter knows, and the one notice a user gets
 * when worker scope was asked for and cannot be had.
 */
import type { ResolvedOptions } from './options/options';
import { captureKey } from './workerCapture';
import { writeStderr } from '../foundation/log';

export interface CaptureScopeFacts {
  /** The run's folder of capture records (RUN_CAPTURES_ENV): set by our global setup. */
  readonly folder: string | undefined;
  /**
   * The run's own options, when this file has options of its own (a Jest docblock): a file whose
   * capture would differ (another bus, pattern, correlation path, endpoint) gets its own; `null`
   * when the run's options are not valid without the file's (then it gets its own too).
   */
  readonly runOptions?: ResolvedOptions | null;
  /** Vitest's `isolate` (or a vm pool): each file in a fresh module graph, so nothing is shared. */
  readonly isolated?: boolean;
  readonly runner: 'jest' | 'vitest';
}

/** `folder`: share the worker's capture, recorded there. `notice`: why not, when the user asked for it. */
export interface CaptureScopeDecision {
  readonly folder?: string;
  readonly notice?: string;
}

/**
 * Whether a file with these options may use its worker's capture at all: worker scope asked for
 * (the default), and neither `keep` (a kept capture is the file's, left for debugging) nor
 * `mirrorRule` (a capture that copies one rule, read per file).
 */
export function mayShareCapture(options: ResolvedOptions): boolean {
  return options.captureScope === 'worker' && !options.keep && options.mirrorRule === undefined;
}

/**
 * Shares when the options ask for worker scope (the default) and nothing prevents it: `keep` and
 * `mirrorRule` make a file's own capture (a kept capture is the file's, a mirrored one copies one
 * rule); options that differ from the run's do too. Without our global setup, or under Vitest's
 * isolation, it falls back to per file, with a notice only when `captureScope` was set.
 */
export function decideCaptureScope(options: ResolvedOptions, facts: CaptureScopeFacts): CaptureScopeDecision {
  if (!mayShareCapture(options)) return {};
  if (facts.runOptions === null || (facts.runOptions !== undefined && captureKey(facts.runOptions) !== captureKey(options))) return {};
  const notice = (why: string, fix: string): CaptureScopeDecision =>
    options.captureScopeGiven
      ? {
          notice: `jest-eventbridge: captureScope 'worker' ${why}, so every file creates and removes a capture of its own. ${fix}, or set captureScope: 'file' (or JEST_EVENTBRIDGE_CAPTURE_SCOPE=file) to make that the choice.`,
        }
      : {};
  if (facts.isolated === true) {
    return notice(
      "needs Vitest's `isolate: false` in pool 'forks' or 'threads' (an isolated file starts with nothing of the files before it)",
      'Set test.isolate: false',
    );
  }
  if (facts.folder === undefined || facts.folder === '') {
    return notice(
      "needs jest-eventbridge's global setup and teardown (they remove each worker's capture after the run), and this run has none",
      facts.runner === 'jest'
        ? "Use `preset: 'jest-eventbridge'` (or call our global setup and teardown from yours)"
        : "Add test.globalSetup: ['jest-eventbridge/vitest/global-setup']",
    );
  }
  return { folder: facts.folder };
}

let noticed = false;

/** Prints a decision's notice once per worker (every file would say the same). */
export function printCaptureScopeNotice(decision: CaptureScopeDecision, write: (text: string) => void = writeStderr): void {
  if (decision.notice === undefined || noticed) return;
  noticed = true;
  write(`${decision.notice}\n`);
}
