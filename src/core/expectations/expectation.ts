import { isPlainObject } from '../../foundation/objects';
import type { EventBridgeEvent } from '../events/envelope';
import { EVENT_PATTERN, isEventPatternExpectation, type EventPatternExpectation } from './eventPattern';
import { subsetScore, type Equals } from './subsetScore';

export type { Equals };

/**
 * The detail of events given to predicates. Deliberately loose: a spec reads fields of the
 * events its own service emits, and forcing a cast in every predicate buys no safety there.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type LooseDetail = { readonly [key: string]: any };

/**
 * A predicate over a delivered event. `Detail` types `event.detail` for the predicate's body; it
 * is the caller's claim about the events it tests (nothing checks it at run time).
 */
export type EventPredicate<Detail = LooseDetail> = (event: EventBridgeEvent<Detail>) => boolean;

/** What a matcher accepts: an object (subset match), a predicate, or `eventPattern(...)`. */
export type EventExpectation<Detail = LooseDetail> = Readonly<Record<string, unknown>> | EventPredicate<Detail> | EventPatternExpectation;

/** An expectation ready to test events, with what messages need to explain a miss. */
export interface CompiledExpectation {
  readonly kind: 'subset' | 'predicate' | 'pattern';
  /** The value to print as "expected". */
  readonly expected: unknown;
  /**
   * Whether a subject matches: the event as delivered, or, when the capture mirrors a rule's
   * target, what that target receives (any JSON value, or text).
   */
  test(subject: unknown): boolean;
  /** How close a subject came, 0..1 (1 = matched); undefined where closeness has no meaning. */
  closeness(subject: unknown): number | undefined;
  /** Why a subject did not match, one line per failed condition (pattern expectations). */
  explain(subject: unknown): string[];
}

/** Why a value cannot be an expectation, or undefined when it can. */
/**
 * put()'s and PutEvents' names for envelope fields: an expectation is matched against the event
 * as delivered, where they are spelled otherwise, so a key such as `detailType` never matches.
 */
const PUT_STYLE_KEYS: Readonly<Record<string, string>> = {
  detailType: 'detail-type',
  DetailType: 'detail-type',
  detail_type: 'detail-type',
  Source: 'source',
  Detail: 'detail',
  Resources: 'resources',
  Time: 'time',
};

export function expectationProblem(value: unknown): string | undefined {
  if (isPlainObject(value)) {
    const misspelt = Object.keys(value).find((key) => Object.prototype.hasOwnProperty.call(PUT_STYLE_KEYS, key));
    if (misspelt === undefined) return undefined;
    const envelopeKey = PUT_STYLE_KEYS[misspelt] ?? misspelt;
    return `has the key "${misspelt}", which no delivered event has: write "${envelopeKey}" (put() and PutEvents spell fields their own way; matchers see the event as delivered)`;
  }
  if (typeof value === 'function' || isEventPatternExpectation(value)) return undefined;
  return 'must be an object to match against the event (like toMatchObject), a predicate function (event) => boolean, or eventPattern({...})';
}

/**
 * Remembers each subject's result: a matcher re-checks its whole window each time events
 * arrive, and a predicate may be costly (or not pure), so each event is tested once. Keyed by
 * the object itself (the store keeps one object per event id), since a mirrored target's input
 * has no id of its own; text subjects are tested each time.
 */
function memoised(test: (subject: unknown) => boolean): (subject: unknown) => boolean {
  const results = new WeakMap<object, boolean>();
  return (subject) => {
    if (typeof subject !== 'object' || subject === null) return test(subject);
    let result = results.get(subject);
    if (result === undefined) {
      result = test(subject);
      results.set(subject, result);
    }
    return result;
  };
}

/** Normalises an expectation into one shape the checks and messages share. */
export function compileExpectation(expectation: EventExpectation, equals: Equals): CompiledExpectation {
  if (isEventPatternExpectation(expectation)) {
    const compiled = expectation[EVENT_PATTERN];
    return {
      kind: 'pattern',
      expected: expectation.pattern,
      test: memoised((event) => compiled.matches(event)),
      closeness: (event) => {
        const misses = compiled.explain(event).length;
        return misses === 0 ? 1 : 1 / (1 + misses);
      },
      explain: (event) => compiled.explain(event).map((m) => `${m.path}: ${m.reason}`),
    };
  }
  if (typeof expectation === 'function') {
    const predicate = expectation;
    return {
      kind: 'predicate',
      expected: expectation,
      // The predicate's parameter type is the spec's claim: with a mirrored target it gets that target's input.
      test: memoised((subject) => predicate(subject as EventBridgeEvent) === true),
      closeness: () => undefined,
      explain: () => [],
    };
  }
  const expected = expectation;
  return {
    kind: 'subset',
    expected,
    test: memoised((event) => equals(event, expected)),
    closeness: (event) => subsetScore(expected, event, equals),
    explain: () => [],
  };
}
