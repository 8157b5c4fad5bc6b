import {
  matcherDefinitions,
  runMatcher,
  type MatcherDefinition,
  type MatcherFunction,
  type MatcherName,
  type Unchecked,
} from '../../core/matchers';

/** The Jest matcher function of a definition, typed by the definition's arguments. */
export type JestMatcherOf<D> = D extends MatcherDefinition<string, infer Args, infer _Input, infer _Data> ? MatcherFunction<Args> : never;

/** Every matcher by name, each typed by its definition's arguments. */
export type JestMatchers = { [D in (typeof matcherDefinitions)[number] as D['name']]: JestMatcherOf<D> };

/** A definition as a Jest matcher: `this` is Jest's matcher context. */
function jestMatcher<Name extends string, Args extends unknown[], Input, Data>(
  definition: MatcherDefinition<Name, Args, Input, Data>,
): MatcherFunction<Args> {
  return function (received, ...args) {
    return runMatcher(definition, this, received, args as Unchecked<Args>);
  };
}

// The list with each definition's own types widened away, to map over it at run time.
const definitions: readonly MatcherDefinition<MatcherName, unknown[], unknown, unknown>[] = matcherDefinitions;
// Object.fromEntries forgets the keys; the list's names are exactly MatcherName.
const byName = Object.fromEntries(definitions.map((definition) => [definition.name, jestMatcher(definition)])) as Record<
  MatcherName,
  MatcherFunction<unknown[]>
>;

/** Every matcher, by name, derived from the core's one list: `expect.extend(matchers)`. */
export const matchers: JestMatchers = byName;

export const { toEmitEvent, toEmitEventTimes, toEmitEvents } = matchers;
