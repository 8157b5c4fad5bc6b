import type { MatcherFunction } from './matcherContext';
import type { MatcherDefinition, Unchecked } from './matcherDefinition';
import { matcherDefinitions, type MatcherName } from './matcherDefinitions';
import { runMatcher } from './matcherSupport';
import { offlineMatcherFunctions } from './offlineMatchers';

/** The matcher function of a definition, typed by the definition's arguments. */
export type MatcherFunctionOf<D> =
  D extends MatcherDefinition<string, infer Args, infer _Input, infer _Data> ? MatcherFunction<Args> : never;

/** The waiting matchers by name, each typed by its definition's arguments. */
export type WaitingMatcherFunctions = { [D in (typeof matcherDefinitions)[number] as D['name']]: MatcherFunctionOf<D> };

/** Every matcher by name: the waiting ones and the offline (synchronous) ones of offlineMatchers.ts. */
export type MatcherFunctions = WaitingMatcherFunctions & typeof offlineMatcherFunctions;

/**
 * A definition as a runner's matcher: `this` is the runner's matcher context (Jest's and
 * Vitest's both fit MatcherContextLike), so one function serves both `expect.extend`s.
 */
function matcherFunction<Name extends string, Args extends unknown[], Input, Data>(
  definition: MatcherDefinition<Name, Args, Input, Data>,
): MatcherFunction<Args> {
  return function (received, ...args) {
    return runMatcher(definition, this, received, args as Unchecked<Args>);
  };
}

// The list with each definition's own types widened away, to map over it at run time.
const definitions: readonly MatcherDefinition<MatcherName, unknown[], unknown, unknown>[] = matcherDefinitions;

/**
 * The waiting matchers, derived from the one list of definitions. Object.fromEntries forgets
 * the keys; the list's names are exactly MatcherName.
 */
const waitingMatcherFunctions = Object.fromEntries(
  definitions.map((definition) => [definition.name, matcherFunction(definition)]),
) as Record<MatcherName, MatcherFunction<unknown[]>> as WaitingMatcherFunctions;

/** Every matcher, by name: what a runner passes to its `expect.extend`. */
export const matcherFunctions: MatcherFunctions = { ...waitingMatcherFunctions, ...offlineMatcherFunctions };
