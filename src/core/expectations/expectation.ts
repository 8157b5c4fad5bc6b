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
  test(event: EventBridgeEvent): boolean;
  /** How close an event came, 0..1 (1 = matched); undefined where closeness has no meaning. */
  closeness(event: EventBridgeEvent): number | undefined;
  /** Why an event did not match, one line per failed condition (pattern expectations). */
  explain(event: EventBridgeEvent): string[];
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
 * Remembers each event's result by id: a matcher re-checks its whole window each time events
 * arrive, and a predicate may be costly (or not pure), so each event is tested once.
 */
function memoised(test: (event: EventBridgeEvent) => boolean): (event: EventBridgeEvent) => boolean {
  const results = new Map<string, boolean>();
  return (event) => {
    let result = results.get(event.id);
    if (result === undefined) {
      result = test(event);
      results.set(event.id, result);
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
      test: memoised((event) => predicate(event) === true),
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
