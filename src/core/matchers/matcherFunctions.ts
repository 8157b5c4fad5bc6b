import type { MatcherFunction } from './matcherContext';
import type { MatcherDefinition, Unchecked } from './matcherDefinition';
import { matcherDefinitions, type MatcherName } from './matcherDefinitions';
import { runMatcher } from './matcherSupport';

/** The matcher function of a definition, typed by the definition's arguments. */
export type MatcherFunctionOf<D> =
  D extends MatcherDefinition<string, infer Args, infer _Input, infer _Data> ? MatcherFunction<Args> : never;

/** Every matcher by name, each typed by its definition's arguments. */
export type MatcherFunctions = { [D in (typeof matcherDefinitions)[number] as D['name']]: MatcherFunctionOf<D> };

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
 * Every matcher, by name, derived from the one list of definitions: what a runner passes to its
 * `expect.extend`. Object.fromEntries forgets the keys; the list's names are exactly MatcherName.
 */
export const matcherFunctions: MatcherFunctions = Object.fromEntries(
  definitions.map((definition) => [definition.name, matcherFunction(definition)]),
) as Record<MatcherName, MatcherFunction<unknown[]>>;
