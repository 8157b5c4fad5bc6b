/**
 * The one way the library schedules a timer. Node cannot schedule a delay above 2^31-1 ms: it
 * prints a TimeoutOverflowWarning and fires after 1 ms instead, so a matcher with such a timeout
 * would give up at once (and a `.not` matcher would pass without waiting). Negative and NaN
 * delays are fired at once too. Every timer goes through `scheduleTimer`, which refuses them.
 *
 * The timer functions are captured when this module loads, in the realm that loads it: the
 * library loads outside Jest's test sandbox, so `jest.useFakeTimers()` in a spec cannot stall it.
 */

/** The longest delay Node's timers can hold, in ms (2^31-1, about 24.8 days). */
export const MAX_TIMER_MS = 2_147_483_647;

const realSetTimeout = globalThis.setTimeout;
const realClearTimeout = globalThis.clearTimeout;

/** Why `ms` cannot be a timer's delay ("is negative", ...), or undefined when it can. */
export function timerDelayProblem(ms: unknown): string | undefined {
  if (typeof ms !== 'number') return `is not a number`;
  if (Number.isNaN(ms)) return 'is NaN';
  if (ms < 0) return 'is negative';
  if (ms > MAX_TIMER_MS) return `is above ${MAX_TIMER_MS} ms (2^31-1, the longest delay Node's timers can hold)`;
  return undefined;
}

/**
 * The one rule for a user's timeout (the "timeout" option and a matcher's `{ timeout }`): a
 * number of milliseconds above 0 that Node's timers can wait out, so at most MAX_TIMER_MS (NaN
 * and Infinity are not). Each caller words its own error; this only decides.
 */
export function isTimerTimeout(ms: unknown): ms is number {
  return typeof ms === 'number' && ms > 0 && timerDelayProblem(ms) === undefined;
}

export interface TimerOptions {
  /** Let the process exit while this timer is pending. @default false */
  readonly unref?: boolean;
}

export type TimerHandle = ReturnType<typeof setTimeout>;

/**
 * Calls `callback` after `ms` milliseconds (0 to 2^31-1). Throws a RangeError naming the delay
 * for anything Node would not wait for (above 2^31-1, negative, NaN, Infinity).
 */
export function scheduleTimer(callback: () => void, ms: number, options: TimerOptions = {}): TimerHandle {
  const problem = timerDelayProblem(ms);
  if (problem !== undefined)
    throw new RangeError(`jest-eventbridge: a timer delay of ${String(ms)} ms ${problem}; it must be from 0 to ${MAX_TIMER_MS} ms.`);
  const handle = realSetTimeout(callback, ms);
  if (options.unref) handle.unref?.();
  return handle;
}

export function cancelTimer(handle: TimerHandle | undefined): void {
  if (handle !== undefined) realClearTimeout(handle);
}

/** Returned by `raceTimer` when the delay passed first. */
export const TIMED_OUT: unique symbol = Symbol('jest-eventbridge.timed-out');

/** The timer functions a race uses; a waiting clock (core/store/clock) has this shape. */
export interface TimerFunctions {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface RaceTimerOptions extends TimerOptions {
  /** Timers to use instead of `scheduleTimer` (an injected clock); `unref` is then theirs to decide. */
  readonly timers?: TimerFunctions;
}

/**
 * Waits for `promise`, but at most `ms` milliseconds (0 to 2^31-1). Resolves with its value when it
 * fulfils first, with `TIMED_OUT` when the delay passes first, and rejects when it rejects first.
 * The timer is always cleared, so a race that `promise` won keeps no timer (nor the process) alive.
 * Rejects with `scheduleTimer`'s RangeError for a delay Node cannot hold.
 */
export function raceTimer<T>(promise: PromiseLike<T>, ms: number, options: RaceTimerOptions = {}): Promise<T | typeof TIMED_OUT> {
  const timers: TimerFunctions = options.timers ?? {
    setTimeout: (callback, delay) => scheduleTimer(callback, delay, { unref: options.unref === true }),
    clearTimeout: (handle) => cancelTimer(handle as TimerHandle),
  };
  let handle: unknown;
  const timedOut = new Promise<typeof TIMED_OUT>((resolve) => {
    handle = timers.setTimeout(() => resolve(TIMED_OUT), ms);
  });
  return Promise.race([promise, timedOut]).finally(() => timers.clearTimeout(handle));
}
