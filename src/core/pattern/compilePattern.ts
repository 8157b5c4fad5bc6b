import { objectMatcher } from './compileMatcher';
import { explainObject, type PatternMismatch } from './explainMismatch';
import { parsePattern } from './parsePattern';
import { stringifyExactJson } from '../../foundation/exactJson';

export interface CompiledPattern {
  /** The validated pattern (a private, frozen copy: later changes to the caller's object do not apply). */
  readonly pattern: Readonly<Record<string, unknown>>;
  /** Whether EventBridge would deliver `event` to a rule with this pattern. */
  matches(event: unknown): boolean;
  /** [] when the event matches; otherwise the conditions it failed (for `$or`, the closest alternative). */
  explain(event: unknown): PatternMismatch[];
  /** The pattern as one line of JSON, for messages. */
  describe(): string;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

/** Validates `pattern` (an object, or its JSON text) and compiles it once into a fast matcher. */
export function compilePattern(pattern: unknown): CompiledPattern {
  const { source, root } = parsePattern(pattern);
  const frozen = deepFreeze(structuredClone(source));
  const text = stringifyExactJson(frozen) ?? '';
  const matches = objectMatcher(root);
  return {
    pattern: frozen,
    matches,
    explain: (event) => explainObject(root, event, ''),
    describe: () => text,
  };
}

/** Throws InvalidEventPatternError when EventBridge would refuse `pattern`. */
export function validatePattern(pattern: unknown): void {
  parsePattern(pattern);
}

// Keyed by the caller's object: a pattern literal reused across calls compiles once. A pattern
// mutated after its first use keeps its first meaning; compilePattern gives explicit control.
const compiledByPattern = new WeakMap<object, CompiledPattern>();

/** Whether `event` (an envelope or any JSON value) matches `pattern`. Throws on an invalid pattern. */
export function matchesPattern(pattern: object, event: unknown): boolean {
  let compiled = compiledByPattern.get(pattern);
  if (compiled === undefined) {
    compiled = compilePattern(pattern);
    compiledByPattern.set(pattern, compiled);
  }
  return compiled.matches(event);
}
