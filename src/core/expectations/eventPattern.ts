import { compilePattern, type CompiledPattern } from '../pattern';

/** Registered symbol: pattern expectations are made in the test sandbox and read anywhere. */
export const EVENT_PATTERN = Symbol.for('jest-eventbridge.eventPattern');

/** An expectation written in EventBridge's pattern language; see `eventPattern()`. */
export interface EventPatternExpectation {
  readonly [EVENT_PATTERN]: CompiledPattern;
  readonly pattern: Readonly<Record<string, unknown>>;
}

/**
 * Wraps an EventBridge event pattern so matchers apply it with EventBridge's semantics:
 * `await expect(eventBridge).toEmitEvent(eventPattern({ 'detail-type': ['OrderConfirmed'] }))`.
 * The pattern is validated and compiled at once; an invalid one throws InvalidEventPatternError.
 */
export function eventPattern(pattern: object): EventPatternExpectation {
  const compiled = compilePattern(pattern);
  return {
    [EVENT_PATTERN]: compiled,
    pattern: compiled.pattern,
    toJSON: () => compiled.pattern,
  } as EventPatternExpectation;
}

export function isEventPatternExpectation(value: unknown): value is EventPatternExpectation {
  return typeof value === 'object' && value !== null && EVENT_PATTERN in value;
}
