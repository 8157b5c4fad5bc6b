/**
 * `expect(event).toMatchEventPattern(pattern)`: an offline assertion on EventBridge's pattern
 * language, with no bus, capture or AWS. Synchronous, unlike the waiting matchers of
 * matcherDefinitions.ts: it decides on the one event it is given, so it is not listed there
 * (nor in the lint rule that makes specs await those) but in offlineMatchers.ts.
 */
import type { EventPatternExpectation } from '../expectations/eventPattern';
import { matcherErrorText, type MatcherContextLike } from './matcherContext';
import { patternArgument } from './patternArgument';
import { receivedEvent } from '../events/offlineEnvelope';

/** A rule whose pattern the matcher takes: a `TemplateRule` of `rulesFromTemplate()` fits. */
export interface RuleWithPattern {
  readonly name: string;
  readonly logicalId?: string;
  /** The pattern's JSON text; absent for a scheduled rule, which is a matcher error. */
  readonly eventPattern?: string;
  readonly targets: readonly unknown[];
}

/** What `toMatchEventPattern` takes as its pattern. */
export type EventPatternArgument = Readonly<Record<string, unknown>> | string | EventPatternExpectation | RuleWithPattern;

/** How specs call it (the typings Jest's and Vitest's `expect` get). */
export interface ToMatchEventPatternTyping {
  /**
   * The received event matches `pattern` as EventBridge matches a rule's pattern (no AWS):
   * `expect(fixture).toMatchEventPattern(rules.rule('OrderPlacedRule'))`. The event is an
   * envelope, or an entry as `put()` takes it (turned into the envelope EventBridge would
   * deliver). `pattern` is an object, its JSON text, `eventPattern(...)` or a rule from
   * `rulesFromTemplate()`. Synchronous: no `await`. The failure lists every failing condition
   * at its path; an invalid pattern, or a scheduled rule, is a matcher error.
   */
  toMatchEventPattern(pattern: EventPatternArgument): void;
}

const HINT_PARAMETER = 'pattern';

/** The synchronous matcher function, as both runners' `expect.extend` take it. */
export function toMatchEventPattern(
  this: MatcherContextLike,
  received: unknown,
  pattern: unknown,
): { pass: boolean; message: () => string } {
  const utils = this.utils;
  const isNot = this.isNot === true;
  const hint = utils.matcherHint('toMatchEventPattern', 'received', HINT_PARAMETER, { isNot, promise: this.promise });
  const compiled = patternArgument(pattern);
  if (!compiled.ok) {
    throw new Error(
      matcherErrorText(
        this,
        hint,
        `${utils.EXPECTED_COLOR('pattern')} ${compiled.problem}`,
        utils.printWithType('Pattern', pattern, (value) => utils.printExpected(value)),
      ),
    );
  }
  const event = receivedEvent(received);
  if (!event.ok) {
    throw new Error(
      matcherErrorText(
        this,
        hint,
        `${utils.RECEIVED_COLOR('received')} value ${event.problem}`,
        utils.printWithType('Received', received, (value) => utils.printReceived(value)),
      ),
    );
  }
  const pass = compiled.compiled.matches(event.event);
  const what = compiled.rule === undefined ? 'the event pattern' : `the event pattern of rule ${compiled.rule}`;
  const patternLine = `  ${utils.EXPECTED_COLOR(compiled.compiled.describe())}`;
  const message = (): string => {
    const eventLine = `Received event: ${utils.printReceived(event.event)}`;
    if (pass) return `${hint}\n\nExpected the event not to match ${what}:\n${patternLine}\nIt matches.\n\n${eventLine}`;
    // Every failing condition at its path (for `$or` and arrays, the closest alternative).
    const mismatches = compiled.compiled.explain(event.event);
    const count = mismatches.length === 1 ? 'this condition' : `these ${mismatches.length} conditions`;
    const lines = mismatches.map((mismatch) => `  ${mismatch.path}: ${mismatch.reason}`).join('\n');
    return `${hint}\n\nExpected the event to match ${what}:\n${patternLine}\nIt fails ${count}:\n${lines}\n\n${eventLine}`;
  };
  return { pass, message };
}
