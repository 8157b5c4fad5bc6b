import type { MatcherContext } from 'expect';
import { matchingOutsideView } from './checks/outsideView';
import type { EventView } from '../scopes/testScopes';
import { compileExpectation, expectationProblem, type CompiledExpectation, type EventExpectation } from '../expectations/expectation';
import { captureViewOf, type CaptureView } from './captureView';
import type { MessageContext } from './messages/emitEventMessage';
import { outsideViewNote } from './messages/outsideViewNote';
import type { Printer } from './messages/printer';
import { createLogger, type Logger } from '../../foundation/log';
import { MAX_TIMER_MS, timerDelayProblem } from '../../foundation/timers';
import { waitForVerdict, type Verdict, type WaitOptions } from '../store/waitForVerdict';

/** Options every waiting matcher takes. */
export interface WaitingMatcherOptions {
  /** How long to wait, in ms. @default the environment's `timeout` option */
  timeout?: number;
}

/** A matcher's own mistake in how it was called: Jest prints it as a matcher error, not a failure. */
function matcherError(context: MatcherContext, hint: string, generic: string, specific?: string): Error {
  return new Error(context.utils.matcherErrorMessage(hint, generic, specific));
}

export function hintFor(context: MatcherContext, name: string, expected = 'expected', extra = ''): string {
  return context.utils.matcherHint(name, 'eventBridge', `${expected}${extra}`, { isNot: context.isNot, promise: context.promise });
}

export function captureOf(context: MatcherContext, received: unknown, hint: string): CaptureView {
  const view = captureViewOf(received);
  if (!view) {
    throw matcherError(
      context,
      hint,
      `${context.utils.RECEIVED_COLOR('received')} value must be the eventBridge object of jest-eventbridge (the global, or \`import { eventBridge } from 'jest-eventbridge'\`)`,
      context.utils.printWithType('Received', received, context.utils.printReceived),
    );
  }
  return view;
}

export function expectationOf(context: MatcherContext, value: unknown, hint: string, label = 'expected'): CompiledExpectation {
  const problem = expectationProblem(value);
  if (problem) {
    throw matcherError(
      context,
      hint,
      `${context.utils.EXPECTED_COLOR(label)} value ${problem}`,
      context.utils.printWithType('Expected', value, context.utils.printExpected),
    );
  }
  const testers = [...context.customTesters, context.utils.iterableEquality, context.utils.subsetEquality];
  return compileExpectation(value as EventExpectation, (received, expected) => context.equals(received, expected, testers));
}

/** Checks the options object; returns the timeout to use and the other known keys' values. */
export function optionsOf<K extends string>(
  context: MatcherContext,
  value: unknown,
  hint: string,
  view: CaptureView,
  extraKeys: readonly K[] = [],
): { timeoutMs: number; values: Partial<Record<K, unknown>> } {
  if (value === undefined) return { timeoutMs: view.defaultTimeoutMs, values: {} };
  const known = ['timeout', ...extraKeys];
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw matcherError(
      context,
      hint,
      `options must be an object with ${known.join(', ')}`,
      context.utils.printWithType('Options', value, context.utils.printReceived),
    );
  }
  const record = value as Record<string, unknown>;
  const unknown = Object.keys(record).filter((key) => !known.includes(key));
  if (unknown.length > 0) {
    throw matcherError(
      context,
      hint,
      `unknown option${unknown.length > 1 ? 's' : ''} ${unknown.map((k) => `"${k}"`).join(', ')}; known: ${known.join(', ')}`,
    );
  }
  const timeout = record.timeout;
  // The same bounds as the "timeout" option: above 2^31-1 ms Node's timer would fire at once,
  // and a `.not` matcher would then pass without having waited.
  if (timeout !== undefined && !(typeof timeout === 'number' && timeout > 0 && timerDelayProblem(timeout) === undefined)) {
    throw matcherError(
      context,
      hint,
      `options.timeout must be a positive number of milliseconds, at most ${MAX_TIMER_MS} (2^31-1, the longest wait Node's timers can hold)`,
      context.utils.printWithType('timeout', timeout, context.utils.printReceived),
    );
  }
  const values: Partial<Record<K, unknown>> = {};
  for (const key of extraKeys) values[key] = record[key];
  return { timeoutMs: timeout ?? view.defaultTimeoutMs, values };
}

export function jestPrinter(context: MatcherContext): Printer {
  return {
    expected: (value) => context.utils.printExpected(value),
    received: (value) => context.utils.printReceived(value),
    diff: (expected, received) => context.utils.diff(expected, received, { expand: false }),
  };
}

/** What a wait saw: the verdict, and the scope's view with the arrival position it ended at. */
export interface Waited {
  readonly verdict: Verdict;
  readonly startedAt: number;
  readonly scope: EventView;
  readonly upTo: number;
}

/** Which matcher waits, for the debug log. */
export interface MatcherLabel {
  readonly name: string;
  readonly isNot: boolean;
}

/**
 * Waits on the capture's store with the capture's real clock (never the sandbox's timers), over
 * the view of the scope running when the matcher was called (the test, even a concurrent one).
 */
export async function waitOn(
  view: CaptureView,
  timeoutMs: number,
  check: Pick<WaitOptions, 'progress' | 'atDeadline'>,
  label: MatcherLabel,
  log: Logger = createLogger('matcher'),
): Promise<Waited> {
  const name = `${label.isNot ? '.not.' : ''}${label.name}`;
  log(`${name}: waiting up to ${timeoutMs} ms on ${view.describe()}`);
  const scope = view.view();
  const startedAt = view.clock.now();
  const verdict = await waitForVerdict({ store: view.store, clock: view.clock, timeoutMs, view: scope, ...check });
  const outcome = verdict.pass !== label.isNot ? 'passes' : 'fails';
  const how = verdict.timedOut ? 'when the window ran out' : 'early';
  log(
    `${name}: ${outcome} after ${verdict.waitedMs} ms (${how}), ${verdict.events.length} event${verdict.events.length === 1 ? '' : 's'} in view`,
  );
  return { verdict, startedAt, scope, upTo: view.store.lastSequence };
}

export function messageContext(context: MatcherContext, view: CaptureView, hint: string, waited: Waited): MessageContext {
  return {
    hint,
    where: view.describe(),
    startedAt: waited.startedAt,
    consumerError: view.consumerError(),
    printer: jestPrinter(context),
    outsideView: (expectation) =>
      outsideViewNote(
        matchingOutsideView((event) => expectation.test(event), view.store.captured(), waited.scope, waited.upTo),
        waited.scope.viewer,
        view.correlationPath,
      ),
  };
}
