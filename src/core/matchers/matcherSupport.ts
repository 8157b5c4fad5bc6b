import { matchingOutsideView } from './checks/outsideView';
import type { EventView } from '../scopes/testScopes';
import { compileExpectation, expectationProblem, type CompiledExpectation, type EventExpectation } from '../expectations/expectation';
import { captureViewOf, type CaptureView, type MatcherOutcome, type OutcomeRecorder } from './captureView';
import { matcherErrorText, type MatcherContextLike } from './matcherContext';
import type { ArgumentReader, CheckResult, MatcherDefinition, Unchecked } from './matcherDefinition';
import type { MessageContext } from './messages/messageContext';
import type { NearestCandidate } from './messages/nearestCandidate';
import { outsideViewNote } from './messages/outsideViewNote';
import type { Printer } from './messages/printer';
import { createLogger, type Logger } from '../../foundation/log';
import { MAX_TIMER_MS, TIMED_OUT, isTimerTimeout, raceTimer } from '../../foundation/timers';
import { rulesOutOfTimeNote } from './messages/ruleNotes';
import type { CapturedEvent } from '../store/eventStore';
import { waitForVerdict, type Verdict } from '../store/waitForVerdict';

/** Options every waiting matcher takes. */
export interface WaitingMatcherOptions {
  /** How long to wait, in ms. @default the environment's `timeout` option */
  timeout?: number;
}

/** A matcher's own mistake in how it was called: the runner prints it as a matcher error, not a failure. */
function matcherError(context: MatcherContextLike, hint: string, generic: string, specific?: string): Error {
  return new Error(matcherErrorText(context, hint, generic, specific));
}

/** `expect(eventBridge).toEmitEventTimes(expected, times, options)`, dimmed and coloured by the runner. */
function hintFor(context: MatcherContextLike, name: string, parameters: string): string {
  return context.utils.matcherHint(name, 'eventBridge', parameters, { isNot: context.isNot, promise: context.promise });
}

function captureOf(context: MatcherContextLike, received: unknown, hint: string): CaptureView {
  const view = captureViewOf(received);
  if (!view) {
    throw matcherError(
      context,
      hint,
      `${context.utils.RECEIVED_COLOR('received')} value must be the eventBridge object of jest-eventbridge (the global, or \`import { eventBridge } from 'jest-eventbridge'\`)`,
      context.utils.printWithType('Received', received, (value) => context.utils.printReceived(value)),
    );
  }
  return view;
}

function expectationOf(context: MatcherContextLike, value: unknown, hint: string, label = 'expected'): CompiledExpectation {
  const problem = expectationProblem(value);
  if (problem) {
    throw matcherError(
      context,
      hint,
      `${context.utils.EXPECTED_COLOR(label)} value ${problem}`,
      context.utils.printWithType('Expected', value, (printed) => context.utils.printExpected(printed)),
    );
  }
  const testers = [...context.customTesters, context.utils.iterableEquality, context.utils.subsetEquality];
  return compileExpectation(value as EventExpectation, (received, expected) => context.equals(received, expected, testers));
}

/** Checks the options object; returns the timeout to use and the other known keys' values. */
function optionsOf<K extends string>(
  context: MatcherContextLike,
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
      context.utils.printWithType('Options', value, (printed) => context.utils.printReceived(printed)),
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
  // The same rule as the "timeout" option: above 2^31-1 ms Node's timer would fire at once,
  // and a `.not` matcher would then pass without having waited.
  if (timeout !== undefined && !isTimerTimeout(timeout)) {
    throw matcherError(
      context,
      hint,
      `options.timeout must be a positive number of milliseconds, at most ${MAX_TIMER_MS} (2^31-1, the longest wait Node's timers can hold)`,
      context.utils.printWithType('timeout', timeout, (printed) => context.utils.printReceived(printed)),
    );
  }
  const values: Partial<Record<K, unknown>> = {};
  for (const key of extraKeys) values[key] = record[key];
  return { timeoutMs: timeout ?? view.defaultTimeoutMs, values };
}

function runnerPrinter(context: MatcherContextLike): Printer {
  return {
    expected: (value) => context.utils.printExpected(value),
    received: (value) => context.utils.printReceived(value),
    diff: (expected, received) => context.utils.diff(expected, received, { expand: false }) ?? null,
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
interface MatcherLabel {
  readonly name: string;
  readonly isNot: boolean;
}

/**
 * Waits on the capture's store with the capture's real clock (never the sandbox's timers), over
 * the view of the scope running when the matcher was called (the test, even a concurrent one).
 * Returns the check's result on the events the wait ended with, beside what the wait saw.
 */
async function waitOn<Data>(
  view: CaptureView,
  timeoutMs: number,
  check: (events: readonly CapturedEvent[]) => CheckResult<Data>,
  label: MatcherLabel,
  log: Logger = createLogger('matcher'),
): Promise<Waited & { readonly result: CheckResult<Data> }> {
  const name = `${label.isNot ? '.not.' : ''}${label.name}`;
  log(`${name}: waiting up to ${timeoutMs} ms on ${view.describe()}`);
  const scope = view.view();
  const startedAt = view.clock.now();
  // waitForVerdict settles on the events of its last call, so the last result is the verdict's.
  let last: CheckResult<Data> | undefined;
  const run = (events: readonly CapturedEvent[]): CheckResult<Data> => (last = check(events));
  const verdict = await waitForVerdict({
    store: view.store,
    clock: view.clock,
    timeoutMs,
    view: scope,
    progress: (events) => {
      const result = run(events);
      return result.final ? (result.pass ? 'pass' : 'fail') : 'pending';
    },
    atDeadline: (events) => run(events).pass,
  });
  if (last === undefined) throw new Error(`jest-eventbridge: ${name} settled without checking any events.`);
  const outcome = verdict.pass !== label.isNot ? 'passes' : 'fails';
  const how = verdict.timedOut ? 'when the window ran out' : 'early';
  log(
    `${name}: ${outcome} after ${verdict.waitedMs} ms (${how}), ${verdict.events.length} event${verdict.events.length === 1 ? '' : 's'} in view`,
  );
  return { verdict, startedAt, scope, upTo: view.store.lastSequence, result: last };
}

export function messageContext(context: MatcherContextLike, view: CaptureView, hint: string, waited: Waited): MessageContext {
  return {
    hint,
    where: view.describe(),
    events: waited.verdict.events,
    waitedMs: waited.verdict.waitedMs,
    timedOut: waited.verdict.timedOut,
    startedAt: waited.startedAt,
    consumerError: view.consumerError(),
    printer: runnerPrinter(context),
    outsideView: (expectation) =>
      outsideViewNote(
        matchingOutsideView((event) => expectation.test(event), view.store.captured(), waited.scope, waited.upTo),
        waited.scope.viewer,
        view.correlationPath,
      ),
  };
}

/**
 * What a failing matcher keeps free before the runner's deadline: the time to build and print its
 * message, so that the runner reports the matcher's failure rather than its own timeout.
 */
export const RUNNER_DEADLINE_MARGIN_MS = 500;

/**
 * The rule notes, within the time the runner leaves: a matcher may wait up to just below the
 * runner's testTimeout, and reading the rules (a ListRules call on the first failure) must not
 * push the test past it. Rules already read, or a test that put nothing, answer at once; a read
 * that does not answer in time is one line saying so (it goes on, for the next failure).
 */
async function ruleNotesInTime(view: CaptureView): Promise<readonly string[]> {
  if (!view.ruleNotes) return [];
  const notes = view.ruleNotes();
  const deadline = view.runnerDeadline?.();
  if (deadline === undefined) return notes;
  const headroomMs = Math.min(MAX_TIMER_MS, Math.max(0, Math.floor(deadline - view.clock.now() - RUNNER_DEADLINE_MARGIN_MS)));
  const outcome = await raceTimer(notes, headroomMs, { timers: view.clock });
  return outcome === TIMED_OUT ? [rulesOutOfTimeNote(headroomMs)] : outcome;
}

/**
 * The blocks a failing matcher's message ends with, each a group of lines: what the events in
 * view caused (local flows' invocations), then which rules route the events the test put.
 */
async function notesOf(view: CaptureView, waited: Waited): Promise<string[]> {
  const [invocations, rules] = await Promise.all([
    view.failureNotes ? view.failureNotes(waited.verdict.events.map((captured) => captured.event.id)) : [],
    ruleNotesInTime(view),
  ]);
  return [invocations, rules].filter((lines) => lines.length > 0).map((lines) => lines.join('\n'));
}

/**
 * Runs one definition with a runner's matcher context: reads the received value and the
 * arguments (throwing matcher errors), waits on the capture, and returns the runner's result,
 * whose message reads the check's data.
 */
export async function runMatcher<Name extends string, Args extends unknown[], Input, Data>(
  definition: MatcherDefinition<Name, Args, Input, Data>,
  context: MatcherContextLike,
  received: unknown,
  args: Unchecked<Args>,
): Promise<{ pass: boolean; message: () => string }> {
  const given = args as readonly unknown[];
  const options = given.length > definition.parameters.length && given[definition.parameters.length] !== undefined;
  const hint = hintFor(context, definition.name, [...definition.parameters, ...(options ? ['options'] : [])].join(', '));
  const view = captureOf(context, received, hint);
  const read: ArgumentReader = {
    expectation: (value, label) => expectationOf(context, value, hint, label),
    options: (value, extraKeys) => optionsOf(context, value, hint, view, extraKeys),
    error: (generic, specific) => matcherError(context, hint, generic, specific),
    utils: context.utils,
  };
  const { input, timeoutMs } = definition.prepare(args, read);
  // Bound now: the verdict belongs to the test that called the matcher, even if another runs when it ends.
  const recorder = view.beginOutcome?.();
  const waited = await waitOn(view, timeoutMs, (events) => definition.check(input, events), {
    name: definition.name,
    isNot: context.isNot === true,
  });
  const { pass, data } = waited.result;
  // Only a failure reads the notes: they cost a request, and a passing matcher prints nothing.
  const failing = pass === (context.isNot === true);
  const notes = failing ? await notesOf(view, waited) : [];
  const message = (): string => {
    const text = definition.message({ pass, data }, messageContext(context, view, hint, waited));
    return notes.length === 0 ? text : `${text}\n\n${notes.join('\n\n')}`;
  };
  if (recorder) {
    try {
      // The report's copy: built from masked events and data, so a masked value is never in it.
      const masked = maskedWait(waited, data, recorder);
      const reportMessage = (nearestFound: (candidate: NearestCandidate) => void): string => {
        const text = definition.message(
          { pass, data: masked.data },
          { ...messageContext(context, view, hint, masked.waited), nearestFound },
        );
        return notes.length === 0 ? text : `${text}\n\n${recorder.maskNotes(notes.join('\n\n'))}`;
      };
      const expected = given
        .slice(0, definition.parameters.length)
        .map((value) => context.utils.printExpected(recorder.maskExpected(value)));
      recorder.record(outcomeOf(definition.name, context.isNot === true, expected.join(', '), timeoutMs, waited, failing, reportMessage));
    } catch (error) {
      // The report then lacks this verdict; the matcher's own result must stand.
      createLogger('report')(`${definition.name}: its verdict could not be recorded for the event report: ${String(error)}`);
    }
  }
  return { pass, message };
}

/**
 * The wait and the check's data with every event in them masked (the same objects replaced by
 * their masked copies, positions kept) and each expectation's printed value masked.
 */
function maskedWait<Data>(waited: Waited, data: Data, recorder: OutcomeRecorder): { waited: Waited; data: Data } {
  const copies = new Map<unknown, unknown>(waited.verdict.events.map((captured) => [captured, recorder.maskEvent(captured)]));
  const events = waited.verdict.events.map((captured) => copies.get(captured) as CapturedEvent);
  return { waited: { ...waited, verdict: { ...waited.verdict, events } }, data: replaceDeep(data, copies, recorder) as Data };
}

/** `value` with each object in `copies` replaced, through arrays and plain objects; the same value where nothing changed. */
function replaceDeep(value: unknown, copies: Map<unknown, unknown>, recorder: OutcomeRecorder, depth = 0): unknown {
  if (copies.has(value)) return copies.get(value);
  if (typeof value !== 'object' || value === null || depth > 8) return value;
  if (isCompiledExpectation(value)) return { ...value, expected: recorder.maskExpected(value.expected) };
  if (Array.isArray(value)) {
    const items = value.map((item: unknown) => replaceDeep(item, copies, recorder, depth + 1));
    return items.some((item, index) => item !== value[index]) ? items : value;
  }
  const prototype: unknown = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) return value;
  const record = value as Record<string, unknown>;
  const entries = Object.entries(record).map(([key, inner]): [string, unknown] => [key, replaceDeep(inner, copies, recorder, depth + 1)]);
  return entries.some(([key, inner]) => inner !== record[key]) ? Object.fromEntries(entries) : value;
}

function isCompiledExpectation(value: object): value is CompiledExpectation {
  return 'kind' in value && 'expected' in value && typeof (value as { test?: unknown }).test === 'function';
}

/** The event report's record of one verdict; a failure's message is built once more (masked), to hear its nearest candidate. */
function outcomeOf(
  matcher: string,
  isNot: boolean,
  expected: string,
  windowMs: number,
  waited: Waited,
  failing: boolean,
  message: (nearestFound: (candidate: NearestCandidate) => void) => string,
): MatcherOutcome {
  const base = { matcher, isNot, expected, startedAt: waited.startedAt, waitedMs: waited.verdict.waitedMs, windowMs, passed: !failing };
  if (!failing) return base;
  const heard: { nearest?: NearestCandidate } = {};
  const text = message((candidate) => (heard.nearest = candidate));
  const { nearest } = heard;
  return {
    ...base,
    message: text,
    ...(nearest ? { nearest: { eventId: nearest.captured.event.id, reasons: nearest.reasons, format: nearest.format } } : {}),
  };
}
