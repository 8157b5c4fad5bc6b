/**
 * The timers waiting uses. Captured when this module loads, in the realm that loads it: the
 * environment loads it outside the test sandbox, so `jest.useFakeTimers()` in a spec (which
 * replaces the sandbox's timers and Date) cannot freeze a matcher's deadline.
 */
export interface Clock {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realSetTimeout = globalThis.setTimeout;
const realClearTimeout = globalThis.clearTimeout;
const realPerformance = globalThis.performance;

export const systemClock: Clock = {
  now: () => realPerformance.now(),
  setTimeout: (callback, ms) => {
    const handle = realSetTimeout(callback, ms);
    // A pending matcher deadline must not keep a finished worker alive.
    handle.unref?.();
    return handle;
  },
  clearTimeout: (handle) => realClearTimeout(handle as ReturnType<typeof setTimeout>),
};
