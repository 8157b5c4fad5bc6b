import { cancelTimer, scheduleTimer, type TimerHandle } from '../../foundation/timers';

/**
 * The timers waiting uses. Captured when this module loads, in the realm that loads it: the
 * environment loads it outside the test sandbox, so `jest.useFakeTimers()` in a spec (which
 * replaces the sandbox's timers and Date) cannot freeze a matcher's deadline.
 */
export interface Clock {
  now(): number;
  /** Throws a RangeError for a delay Node cannot schedule (see util/timers). */
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realPerformance = globalThis.performance;

export const systemClock: Clock = {
  now: () => realPerformance.now(),
  // A pending matcher deadline must not keep a finished worker alive.
  setTimeout: (callback, ms) => scheduleTimer(callback, ms, { unref: true }),
  clearTimeout: (handle) => cancelTimer(handle as TimerHandle),
};
