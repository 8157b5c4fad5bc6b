import type { EventView } from '../scopes/testScopes';
import type { Clock } from '../store/clock';
import type { CapturedEvent, EventStore } from '../store/eventStore';

/**
 * The key under which a handle exposes its capture to matchers. `Symbol.for`, not `Symbol()`:
 * the handle is built outside the test sandbox and the matchers run inside it, and only a
 * registered symbol is the same value in both realms.
 */
export const CAPTURE = Symbol.for('jest-eventbridge.capture');

/** What matchers need from a capture: the contract between a capture source's session and the
 * matchers. Independent of any runner. */
export interface CaptureView {
  readonly store: EventStore;
  /** Real timers from outside the test sandbox: fake timers in a spec cannot stall waiting. */
  readonly clock: Clock;
  readonly defaultTimeoutMs: number;
  /** Set while the consumer's receives keep failing; quoted in failure messages. */
  consumerError(): string | undefined;
  /** A line saying what the capture listens to, for failure messages. */
  describe(): string;
  /** What the capture created (the URL and ARN once setup has created them). */
  resources(): CaptureResourceNames;
  /**
   * What the scope running here (a test, a hook) sees; taken when a matcher starts. Throws a
   * TestScopeError when the runner gives no way to tell which test is running.
   */
  view(): EventView;
  /** Hides, for the scope running here, everything captured so far. */
  clear(): void;
  /** Where correlation ids are read (`detail.metadata.correlationId`), for messages. */
  readonly correlationPath?: string;
  /**
   * Lines a failing matcher appends to its message about what the events it looked at caused
   * elsewhere (local flows: the handler invocations, with their errors). Absent: none.
   */
  failureNotes?(eventIds: readonly string[]): Promise<readonly string[]>;
  /**
   * Lines a failing matcher appends about the events the running test put: which rules on the
   * bus route each one, or the nearest rule and the field where it fails. Never rejects (a rule
   * listing that fails is itself a line). Absent: none.
   */
  ruleNotes?(): Promise<readonly string[]>;
  /**
   * When the runner stops the running test or hook: its start plus the runner's testTimeout, in
   * ms on `clock`. A failing matcher reads the rule notes only while time is left before it.
   * Absent, or undefined, when the runner's timeout is not known.
   */
  runnerDeadline?(): number | undefined;
  /**
   * Called when a waiting matcher starts, while an event report is wanted (issue 17): what it
   * records its verdict with, bound to the scope running then. Absent, the matchers do no work
   * for a report.
   */
  beginOutcome?(): OutcomeRecorder | undefined;
}

/**
 * How a waiting matcher records its verdict for the event report. The report's copy of a failure
 * message is built a second time from masked events (`maskEvent`) and a masked expectation, so
 * that a value the `redact` option masks is never in it, however the message prints it.
 */
export interface OutcomeRecorder {
  /** The event as the report may show it: its `detail` (and what a mirrored target received) masked. */
  maskEvent(captured: CapturedEvent): CapturedEvent;
  /** An expectation argument as the report may print it (an object's `detail` masked). */
  maskExpected(value: unknown): unknown;
  /** The capture's notes (handlers' errors quote what they read) with the masked values' texts masked. */
  maskNotes(text: string): string;
  record(outcome: MatcherOutcome): void;
}

/** One waiting matcher's call and verdict, as the event report records it. */
export interface MatcherOutcome {
  /** `toEmitEvent`, ... */
  readonly matcher: string;
  readonly isNot: boolean;
  /** The arguments before the options, as the runner prints them (with its colours). */
  readonly expected: string;
  /** When the matcher started waiting, in ms on the view's clock. */
  readonly startedAt: number;
  /** How long it waited, and the window it would have waited, in ms. */
  readonly waitedMs: number;
  readonly windowMs: number;
  /** Whether the assertion (with `.not` applied) held. */
  readonly passed: boolean;
  /** For a failure, the whole message (with the runner's colours). */
  readonly message?: string;
  /** For a failure naming one, the nearest candidate and why it did not match (a diff, or a list of reasons). */
  readonly nearest?: { readonly eventId: string; readonly reasons: readonly string[]; readonly format: 'diff' | 'reasons' };
}

/** The names of a file's capture resources, for debugging and for tests of the capture itself. */
export interface CaptureResourceNames {
  readonly queueName: string;
  readonly ruleName: string;
  readonly queueUrl?: string;
  readonly ruleArn?: string;
}

/** The capture behind a matcher's received value, or undefined when it is not a handle. */
export function captureViewOf(value: unknown): CaptureView | undefined {
  return typeof value === 'object' && value !== null && CAPTURE in value ? (value as { [CAPTURE]: CaptureView })[CAPTURE] : undefined;
}
