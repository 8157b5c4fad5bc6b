import { describe, expect, it } from '@jest/globals';
import { MAX_TIMER_MS, cancelTimer, isTimerTimeout, scheduleTimer, timerDelayProblem } from '../../../src/foundation/timers';
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

describe('isTimerTimeout', () => {
  it.each([1, 0.5, 10_000, MAX_TIMER_MS])('accepts %p ms', (ms) => {
    expect(isTimerTimeout(ms)).toBe(true);
  });

  it.each([0, -1, MAX_TIMER_MS + 1, Number.POSITIVE_INFINITY, Number.NaN, '1000', undefined, null])('refuses %p', (ms) => {
    expect(isTimerTimeout(ms)).toBe(false);
  });
});
