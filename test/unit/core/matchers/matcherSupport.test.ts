import { equals, iterableEquality, subsetEquality } from '@jest/expect-utils';
import type { MatcherContextLike } from '../../../../src/core/matchers/matcherContext';
import { RUNNER_DEADLINE_MARGIN_MS, runMatcher } from '../../../../src/core/matchers/matcherSupport';
import { toEmitEvent } from '../../../../src/core/matchers/toEmitEvent';
import { toEmitEventTimes } from '../../../../src/core/matchers/toEmitEventTimes';
import { envelope, fakeCapture } from '../../support/fakeCapture';

/**
 * A context with no `utils.matcherErrorMessage` and plain printing, as a runner other than
 * Jest (Vitest) gives: the definitions run on it through runMatcher alone.
 */
function plainContext(isNot = false): MatcherContextLike {
  return {
    isNot,
    promise: '',
    customTesters: [],
    equals: (a, b, testers) => equals(a, b, testers as Parameters<typeof equals>[2]),
    utils: {
      matcherHint: (name, received, expected, options) => `expect(${received})${options?.isNot ? '.not' : ''}.${name}(${expected})`,
      printExpected: (value) => JSON.stringify(value),
      printReceived: (value) => JSON.stringify(value),
      diff: () => undefined,
      printWithType: (name, value, print) => `${name} has value: ${print(value)}`,
      EXPECTED_COLOR: (text) => text,
      RECEIVED_COLOR: (text) => text,
      iterableEquality,
      subsetEquality,
    },
  };
}

describe('runMatcher', () => {
  it('reports a bad argument as a matcher error, naming the arguments given', async () => {
    const { handle } = fakeCapture();
    await expect(runMatcher(toEmitEventTimes, plainContext(), handle, [{ 'detail-type': 'A' }, -1])).rejects.toThrow(
      'expect(eventBridge).toEmitEventTimes(expected, times)\n\nMatcher error: times must be a whole number of events, 0 or more\n\ntimes has value: -1',
    );
    await expect(runMatcher(toEmitEvent, plainContext(), handle, [{}, { timeout: 0 }])).rejects.toThrow(
      'expect(eventBridge).toEmitEvent(expected, options)\n\nMatcher error: options.timeout must be a positive number of milliseconds, at most 2147483647',
    );
  });

  it('refuses a received value that is not the eventBridge object', async () => {
    await expect(runMatcher(toEmitEvent, plainContext(), {}, [{}])).rejects.toThrow(
      'Matcher error: received value must be the eventBridge object of jest-eventbridge',
    );
  });

  it("appends the capture's notes to a failing matcher's message, invocations first, each block apart", async () => {
    const ruleNotes = jest.fn(() =>
      Promise.resolve([
        'Rules on bus orders for the events this test put (captures excluded):',
        '  A (id e1) matched no rule on bus orders',
      ]),
    );
    const failureNotes = jest.fn(() => Promise.resolve(['Local invocations caused by the events in view (1):', '  Fn handled event e1']));
    const { handle, arrive } = fakeCapture({ ruleNotes, failureNotes });
    arrive(envelope({ 'detail-type': 'A' }));
    const failed = await runMatcher(toEmitEvent, plainContext(true), handle, [{ 'detail-type': 'A' }]);
    expect(failed.pass).toBe(true);
    expect(failed.message().split('\n').slice(-6)).toEqual([
      '',
      'Local invocations caused by the events in view (1):',
      '  Fn handled event e1',
      '',
      'Rules on bus orders for the events this test put (captures excluded):',
      '  A (id e1) matched no rule on bus orders',
    ]);
  });

  describe("within the runner's testTimeout", () => {
    const never = (): Promise<readonly string[]> => new Promise<readonly string[]>(() => undefined);

    it('waits for the rules only until the margin before the deadline, then says so in one line', async () => {
      const { handle, arrive, clock, settle } = fakeCapture({ ruleNotes: never, runnerDeadline: () => 1_700 });
      arrive(envelope({ 'detail-type': 'A' }));
      const pending = runMatcher(toEmitEvent, plainContext(true), handle, [{ 'detail-type': 'A' }]);
      await settle();
      clock.advance(1_199);
      await settle();
      clock.advance(1);
      const failed = await pending;
      expect(clock.now()).toBe(1_700 - RUNNER_DEADLINE_MARGIN_MS);
      expect(failed.message().split('\n').slice(-2)).toEqual([
        '',
        "Which rule would route each event was not read: the matcher's wait left only 1200 ms before the test's timeout (lower the matcher's timeout or raise testTimeout to see it).",
      ]);
    });

    it('says there was no time when the wait used it all', async () => {
      const { handle, arrive, clock, settle } = fakeCapture({ ruleNotes: never, runnerDeadline: () => 300 });
      arrive(envelope({ 'detail-type': 'A' }));
      const pending = runMatcher(toEmitEvent, plainContext(true), handle, [{ 'detail-type': 'A' }]);
      await settle();
      clock.advance(0);
      const failed = await pending;
      expect(failed.message().split('\n').at(-1)).toBe(
        "Which rule would route each event was not read: the matcher's wait left no time before the test's timeout (lower the matcher's timeout or raise testTimeout to see it).",
      );
    });

    it('still shows notes that answer at once (rules read by an earlier failure)', async () => {
      const ruleNotes = jest.fn(() => Promise.resolve(['Rules on bus orders for the events this test put (captures excluded):']));
      const { handle, arrive } = fakeCapture({ ruleNotes, runnerDeadline: () => 0 });
      arrive(envelope({ 'detail-type': 'A' }));
      const failed = await runMatcher(toEmitEvent, plainContext(true), handle, [{ 'detail-type': 'A' }]);
      expect(failed.message().split('\n').at(-1)).toBe('Rules on bus orders for the events this test put (captures excluded):');
    });

    it('leaves no timer behind when the notes answered first', async () => {
      const { handle, arrive, clock } = fakeCapture({ ruleNotes: () => Promise.resolve([]), runnerDeadline: () => 10_000 });
      arrive(envelope({ 'detail-type': 'A' }));
      await runMatcher(toEmitEvent, plainContext(true), handle, [{ 'detail-type': 'A' }]);
      expect(clock.pendingTimers).toBe(0);
    });
  });

  it('reads no notes for a matcher that passes', async () => {
    const ruleNotes = jest.fn(() => Promise.resolve(['never']));
    const { handle, arrive } = fakeCapture({ ruleNotes });
    arrive(envelope({ 'detail-type': 'A' }));
    const passed = await runMatcher(toEmitEvent, plainContext(), handle, [{ 'detail-type': 'A' }]);
    expect(passed.pass).toBe(true);
    expect(passed.message()).not.toContain('never');
    expect(ruleNotes).not.toHaveBeenCalled();
  });

  it("returns the check's verdict, and a message that reads the check's data", async () => {
    const { handle, arrive } = fakeCapture();
    arrive(envelope({ 'detail-type': 'B' }), envelope({ 'detail-type': 'A' }));
    const result = await runMatcher(toEmitEvent, plainContext(true), handle, [{ 'detail-type': 'A' }]);
    expect(result.pass).toBe(true);
    expect(result.message().split('\n').slice(0, 4)).toEqual([
      'expect(eventBridge).not.toEmitEvent(expected)',
      '',
      'Expected no event matching: {"detail-type":"A"}',
      'But event 2 matched:',
    ]);
  });
});
