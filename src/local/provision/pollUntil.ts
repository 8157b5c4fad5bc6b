/**
 * Waits on a condition the emulator answers (a stack's status), asking again with growing pauses
 * until a deadline: no fixed sleep, and no timer of the test realm (scheduleTimer's are captured
 * where the library loads, so a spec's `jest.useFakeTimers()` cannot stall it).
 */
import { scheduleTimer } from '../../foundation/timers';

export interface PollOptions {
  /** How long to keep asking, in ms. */
  readonly timeoutMs: number;
  /** First pause, in ms; doubled after each answer up to `maxDelayMs`. @default 50 */
  readonly initialDelayMs?: number;
  /** @default 1000 */
  readonly maxDelayMs?: number;
}

const pause = (ms: number): Promise<void> => new Promise((resolve) => scheduleTimer(resolve, ms));

/**
 * Calls `check` until it returns a value other than undefined, and returns that value; returns
 * undefined when the deadline passes first (the caller words the timeout). Rethrows what `check` throws.
 */
export async function pollUntil<T>(check: () => Promise<T | undefined>, options: PollOptions): Promise<T | undefined> {
  const deadline = Date.now() + options.timeoutMs;
  let delay = options.initialDelayMs ?? 50;
  const maxDelay = options.maxDelayMs ?? 1000;
  for (;;) {
    const result = await check();
    if (result !== undefined) return result;
    const left = deadline - Date.now();
    if (left <= 0) return undefined;
    await pause(Math.min(delay, left));
    delay = Math.min(delay * 2, maxDelay);
  }
}
