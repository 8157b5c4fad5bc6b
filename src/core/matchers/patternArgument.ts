/**
 * The pattern `toMatchEventPattern` applies, from what a spec passes: a pattern object, its
 * JSON text, an `eventPattern(...)` expectation, or a rule (a `TemplateRule` from
 * `rulesFromTemplate`, or any rule shaped like core/targets' RoutableRule) whose pattern it takes.
 */
import { isRecord } from '../../foundation/objects';
import { messageOf } from '../../foundation/realm';
import { EVENT_PATTERN, isEventPatternExpectation } from '../expectations/eventPattern';
import { compilePattern, InvalidEventPatternError, type CompiledPattern } from '../pattern';

/** A rule as the matcher reads it: a pattern's leaf is never a string, so `name` and `targets` tell a rule from a pattern. */
interface RuleLike {
  readonly name: string;
  readonly logicalId?: string;
  readonly eventPattern?: string;
  readonly targets: readonly unknown[];
}

function isRuleLike(value: Record<string, unknown>): value is Record<string, unknown> & RuleLike {
  return (
    typeof value.name === 'string' &&
    Array.isArray(value.targets) &&
    (value.eventPattern === undefined || typeof value.eventPattern === 'string')
  );
}

export type PatternArgument =
  { readonly ok: true; readonly compiled: CompiledPattern; readonly rule?: string } | { readonly ok: false; readonly problem: string };

/**
 * Compiles the pattern argument. `problem` (a matcher error) says what is wrong: an invalid
 * pattern gives the pattern language's own message (InvalidEventPatternError's, EventBridge's
 * wording), a rule without a pattern says it is scheduled.
 */
export function patternArgument(value: unknown): PatternArgument {
  if (isEventPatternExpectation(value)) return { ok: true, compiled: value[EVENT_PATTERN] };
  let rule: string | undefined;
  let source: unknown = value;
  if (isRecord(value) && isRuleLike(value)) {
    rule = value.logicalId ?? value.name;
    if (value.eventPattern === undefined) {
      return {
        ok: false,
        problem: `is rule ${rule}, which has no event pattern (a scheduled rule, run by its schedule): no event matches it; pass a rule with an EventPattern`,
      };
    }
    source = value.eventPattern;
  }
  if (typeof source !== 'string' && !isRecord(source)) {
    return {
      ok: false,
      problem: 'must be an event pattern: an object, its JSON text, eventPattern(...) or a rule from rulesFromTemplate()',
    };
  }
  try {
    return { ok: true, compiled: compilePattern(source), ...(rule === undefined ? {} : { rule }) };
  } catch (error) {
    if (error instanceof InvalidEventPatternError) return { ok: false, problem: `would be refused by EventBridge. ${error.message}` };
    return { ok: false, problem: `could not be read: ${messageOf(error)}` };
  }
}
