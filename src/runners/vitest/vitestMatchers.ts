import {
  matcherDefinitions,
  runMatcher,
  type MatcherDefinition,
  type MatcherFunction,
  type MatcherName,
  type Unchecked,
} from '../../core/matchers';

/** A Vitest matcher: `this` is Vitest's matcher state, which MatcherContextLike describes. */
export type VitestMatcher = MatcherFunction<unknown[]>;

function vitestMatcher(definition: MatcherDefinition<MatcherName, unknown[], unknown, unknown>): VitestMatcher {
  return function (received, ...args) {
    return runMatcher(definition, this, received, args as Unchecked<unknown[]>);
  };
}

const definitions: readonly MatcherDefinition<MatcherName, unknown[], unknown, unknown>[] = matcherDefinitions;

/** Every matcher, by name, from the core's one list: the setup file passes them to Vitest's `expect.extend`. */
export const vitestMatchers = Object.fromEntries(definitions.map((definition) => [definition.name, vitestMatcher(definition)])) as Record<
  MatcherName,
  VitestMatcher
>;
