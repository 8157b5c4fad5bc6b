import { decideCaptureScope, mayShareCapture, printCaptureScopeNotice } from '../../../src/session/captureScope';
import { validateOptions } from '../../../src/session/options/validateOptions';
import type { EventBridgeOptions } from '../../../src/session/options/options';
import { IN_USE_REFRESH_MS, captureKey, inUseMarkDue } from '../../../src/session/workerCapture';

const options = (extra: Partial<EventBridgeOptions> = {}) => validateOptions({ eventBusName: 'orders', ...extra });
const FOLDER = 'run-folder';

describe('decideCaptureScope', () => {
  it("shares the worker's capture by default when the run recorded its captures", () => {
    expect(decideCaptureScope(options(), { folder: FOLDER, runner: 'jest' })).toEqual({ folder: FOLDER });
    expect(decideCaptureScope(options({ captureScope: 'worker' }), { folder: FOLDER, runner: 'vitest', isolated: false })).toEqual({
      folder: FOLDER,
    });
  });

  it("gives a file its own capture for captureScope 'file', keep and mirrorRule, silently", () => {
    for (const extra of [{ captureScope: 'file' as const }, { keep: true }, { mirrorRule: 'order-service-in' }]) {
      expect(mayShareCapture(options(extra))).toBe(false);
      expect(decideCaptureScope(options(extra), { folder: FOLDER, runner: 'jest' })).toEqual({});
    }
  });

  it("gives a file whose options ask for another capture its own; the same capture's options share", () => {
    const run = options({ capturePattern: { source: ['shop'] } });
    expect(
      decideCaptureScope(options({ capturePattern: { source: ['shop'] }, timeout: 5000 }), {
        folder: FOLDER,
        runner: 'jest',
        runOptions: run,
      }),
    ).toEqual({
      folder: FOLDER,
    });
    for (const extra of [
      { eventBusName: 'payments' },
      { capturePattern: { source: ['other'] } },
      { capturePattern: { source: ['shop'] }, correlation: { path: 'detail.correlationId' } },
      { capturePattern: { source: ['shop'] }, endpoint: 'http://127.0.0.1:4566' },
    ]) {
      expect(decideCaptureScope(options(extra), { folder: FOLDER, runner: 'jest', runOptions: run })).toEqual({});
    }
    // The run's options are not valid without the file's: nothing to share with.
    expect(decideCaptureScope(options(), { folder: FOLDER, runner: 'jest', runOptions: null })).toEqual({});
  });

  it('falls back to per file without our global setup: silently by default, with the fix when asked for', () => {
    expect(decideCaptureScope(options(), { folder: undefined, runner: 'jest' })).toEqual({});
    expect(decideCaptureScope(options({ captureScope: 'worker' }), { folder: undefined, runner: 'jest' })).toEqual({
      notice:
        "jest-eventbridge: captureScope 'worker' needs jest-eventbridge's global setup and teardown (they remove each worker's capture after the run), and this run has none, so every file creates and removes a capture of its own. Use `preset: 'jest-eventbridge'` (or call our global setup and teardown from yours), or set captureScope: 'file' (or JEST_EVENTBRIDGE_CAPTURE_SCOPE=file) to make that the choice.",
    });
    expect(decideCaptureScope(options({ captureScope: 'worker' }), { folder: '', runner: 'vitest', isolated: false }).notice).toContain(
      "Add test.globalSetup: ['jest-eventbridge/vitest/global-setup']",
    );
  });

  it("falls back to per file under Vitest's isolation, with the fix when asked for", () => {
    expect(decideCaptureScope(options(), { folder: FOLDER, runner: 'vitest', isolated: true })).toEqual({});
    expect(decideCaptureScope(options({ captureScope: 'worker' }), { folder: FOLDER, runner: 'vitest', isolated: true })).toEqual({
      notice:
        "jest-eventbridge: captureScope 'worker' needs Vitest's `isolate: false` in pool 'forks' or 'threads' (an isolated file starts with nothing of the files before it), so every file creates and removes a capture of its own. Set test.isolate: false, or set captureScope: 'file' (or JEST_EVENTBRIDGE_CAPTURE_SCOPE=file) to make that the choice.",
    });
  });

  it('prints a notice once per process', () => {
    const written: string[] = [];
    printCaptureScopeNotice({ folder: FOLDER }, (text) => written.push(text));
    printCaptureScopeNotice({ notice: 'first' }, (text) => written.push(text));
    printCaptureScopeNotice({ notice: 'second' }, (text) => written.push(text));
    expect(written).toEqual(['first\n']);
  });
});

describe('captureKey', () => {
  it('tells captures apart by what they are, not by matcher settings', () => {
    expect(captureKey(options({ timeout: 1000, maxStoredEvents: 5 }))).toBe(captureKey(options()));
    expect(captureKey(options({ resourcePrefix: 'ci-' }))).not.toBe(captureKey(options()));
    // Exact JSON: a pattern with an integer beyond 2^53 is its own key.
    expect(captureKey(options({ capturePattern: { detail: { n: [2n ** 60n] } } as unknown as Record<string, unknown> }))).toContain(
      String(2n ** 60n),
    );
  });
});

describe('inUseMarkDue', () => {
  it('tags a reused capture again once the refresh interval has passed since the last tag', () => {
    expect(inUseMarkDue(undefined, 0)).toBe(true);
    expect(inUseMarkDue(1_000, 1_000 + IN_USE_REFRESH_MS - 1)).toBe(false);
    expect(inUseMarkDue(1_000, 1_000 + IN_USE_REFRESH_MS)).toBe(true);
    expect(IN_USE_REFRESH_MS).toBe(300_000);
  });
});
