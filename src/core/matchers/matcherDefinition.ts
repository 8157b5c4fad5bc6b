import type { CompiledExpectation } from '../expectations/expectation';
import type { CapturedEvent } from '../store/eventStore';
import type { MatcherUtilsLike } from './matcherContext';
import type { MessageContext } from './messages/messageContext';

/**
 * What a check concludes from the events a scope has seen so far. The data is everything its
 * message reports, worked out once: the message never re-runs the check.
 */
export interface CheckResult<Data> {
  /** Whether the expectation holds on these events. */
  readonly pass: boolean;
  /**
   * True when no later event can change `pass`: the wait ends at once. While false the matcher
   * waits for more events, and the check's result at the end of the window stands.
   */
  readonly final: boolean;
  /** What the message reads. */
  readonly data: Data;
}

/** A matcher's arguments as they arrive at run time: their count and names, none of their types. */
export type Unchecked<Args extends readonly unknown[]> = { readonly [I in keyof Args]: unknown };

/** How a definition reads its arguments; each reader throws a matcher error naming the value. */
export interface ArgumentReader {
  /** An expectation (object, predicate or `eventPattern(...)`), compiled with the runner's equality. */
  expectation(value: unknown, label?: string): CompiledExpectation;
  /**
   * The options object: `timeout` (checked against the timer bounds, defaulting to the
   * environment's `timeout` option) plus the definition's own keys, whose values it returns
   * unchecked. Unknown keys are an error.
   */
  options<K extends string>(value: unknown, extraKeys?: readonly K[]): { timeoutMs: number; values: Partial<Record<K, unknown>> };
  /** A matcher error for a bad argument: `generic` says what it must be, `specific` shows it. */
  error(generic: string, specific?: string): Error;
  /** For printing the bad value in `error`'s `specific`. */
  readonly utils: MatcherUtilsLike;
}

/**
 * One waiting matcher, whole: how it reads its arguments, what it checks on the events, and
 * what it says when it fails (under `.not` too). Runner-neutral: src/runners/ turns each into
 * its runner's matcher function, and the list in `matcherDefinitions.ts` is the only registry.
 *
 * `Args` are the arguments after the received value, as the runner's matcher function takes
 * them; `Input` is what `prepare` makes of them; `Data` is what `check` hands to `message`;
 * `Typing` is the signature specs call (`{ toX<Detail>(...): Promise<void> }`), declared as an
 * interface in the matcher's own file so its JSDoc and generics survive.
 */
export interface MatcherDefinition<Name extends string, Args extends unknown[], Input, Data, Typing = unknown> {
  readonly name: Name;
  /**
   * Never set: it carries `Typing` in the definition's type, from which EventBridgeMatchers is
   * derived (matcherTypings.ts). A type, not a value, because a generic method signature
   * cannot be derived from a value's type.
   */
  readonly typing?: Typing;
  /** The names of the arguments before the trailing options object, for the failure hint. */
  readonly parameters: readonly string[];
  /** Validates the arguments (in order, throwing through `read.error`) and picks the timeout. */
  prepare(args: Unchecked<Args>, read: ArgumentReader): { readonly input: Input; readonly timeoutMs: number };
  /** Called at once and on every arrival while waiting, and once more when the window closes. */
  check(input: Input, events: readonly CapturedEvent[]): CheckResult<Data>;
  /** The failure message of the matcher (`pass` false) and of its `.not` (`pass` true). */
  message(result: { readonly pass: boolean; readonly data: Data }, context: MessageContext): string;
}

/**
 * Types a definition: `defineMatcher<Args, Typing>()({ ... })`, inferring Name, Input and Data
 * from the object. (Curried because TypeScript infers all of a call's type arguments or none.)
 */
export function defineMatcher<Args extends unknown[], Typing>() {
  return <Name extends keyof Typing & string, Input, Data>(
    definition: MatcherDefinition<Name, Args, Input, Data, Typing>,
  ): MatcherDefinition<Name, Args, Input, Data, Typing> => definition;
}
