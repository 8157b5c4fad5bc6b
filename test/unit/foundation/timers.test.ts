import { describe, expect, it, jest } from '@jest/globals';
import {
  MAX_TIMER_MS,
  TIMED_OUT,
  cancelTimer,
  isTimerTimeout,
  raceTimer,
  scheduleTimer,
  timerDelayProblem,
} from '../../../src/foundation/timers';
import { systemClock } from '../../../src/core/store/clock';

describe('scheduleTimer', () => {
  it.each([
    [
      3e9,
      "jest-eventbridge: a timer delay of 3000000000 ms is above 2147483647 ms (2^31-1, the longest delay Node's timers can hold); it must be from 0 to 2147483647 ms.",
    ],
    [
      MAX_TIMER_MS + 1,
      "jest-eventbridge: a timer delay of 2147483648 ms is above 2147483647 ms (2^31-1, the longest delay Node's timers can hold); it must be from 0 to 2147483647 ms.",
    ],
    [
      Infinity,
      "jest-eventbridge: a timer delay of Infinity ms is above 2147483647 ms (2^31-1, the longest delay Node's timers can hold); it must be from 0 to 2147483647 ms.",
    ],
    [-1, 'jest-eventbridge: a timer delay of -1 ms is negative; it must be from 0 to 2147483647 ms.'],
    [NaN, 'jest-eventbridge: a timer delay of NaN ms is NaN; it must be from 0 to 2147483647 ms.'],
  ])('refuses a delay of %p ms that Node would fire at once', (ms, message) => {
    expect(() => scheduleTimer(() => undefined, ms)).toThrow(new RangeError(message));
    // The clock every waiting matcher uses goes through the same helper.
    expect(() => systemClock.setTimeout(() => undefined, ms)).toThrow(new RangeError(message));
  });

  it('schedules the longest delay Node can hold', () => {
    expect(timerDelayProblem(MAX_TIMER_MS)).toBeUndefined();
    const handle = scheduleTimer(() => undefined, MAX_TIMER_MS, { unref: true });
    cancelTimer(handle);
  });

  it('fires after the delay', async () => {
    const fired = await new Promise<string>((resolve) => scheduleTimer(() => resolve('fired'), 1));
    expect(fired).toBe('fired');
  });
});

describe('raceTimer', () => {
  it('resolves with the value when the promise wins', async () => {
    await expect(raceTimer(Promise.resolve('value'), 1_000, { unref: true })).resolves.toBe('value');
  });

  it('resolves with TIMED_OUT when the delay passes first', async () => {
    await expect(raceTimer(new Promise<never>(() => undefined), 1)).resolves.toBe(TIMED_OUT);
  });

  it('rejects when the promise rejects first', async () => {
    await expect(raceTimer(Promise.reject(new Error('gone')), 1_000, { unref: true })).rejects.toThrow('gone');
  });

  it("rejects with scheduleTimer's RangeError for a delay Node cannot hold", async () => {
    await expect(raceTimer(new Promise<never>(() => undefined), -1)).rejects.toThrow(
      new RangeError('jest-eventbridge: a timer delay of -1 ms is negative; it must be from 0 to 2147483647 ms.'),
    );
  });

  it('clears the timer of a race the promise won, on the timers it was given', async () => {
    const cleared: unknown[] = [];
    const timers = {
      setTimeout: (callback: () => void, ms: number) => scheduleTimer(callback, ms),
      clearTimeout: (handle: unknown) => {
        cleared.push(handle);
        cancelTimer(handle as ReturnType<typeof scheduleTimer>);
      },
    };
    await raceTimer(Promise.resolve(1), MAX_TIMER_MS, { timers });
    expect(cleared).toHaveLength(1);
  });

  it('does not use the test realm timers that a spec may fake', async () => {
    jest.useFakeTimers();
    try {
      await expect(raceTimer(new Promise<never>(() => undefined), 1)).resolves.toBe(TIMED_OUT);
    } finally {
      jest.useRealTimers();
    }
  });
});

describe('isTimerTimeout', () => {
  it.each([1, 0.5, 10_000, MAX_TIMER_MS])('accepts %p ms', (ms) => {
    expect(isTimerTimeout(ms)).toBe(true);
  });

  it.each([0, -1, MAX_TIMER_MS + 1, Number.POSITIVE_INFINITY, Number.NaN, '1000', undefined, null])('refuses %p', (ms) => {
    expect(isTimerTimeout(ms)).toBe(false);
  });
});
