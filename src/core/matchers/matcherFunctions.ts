import type { MatcherFunction } from './matcherContext';
import type { MatcherDefinition, Unchecked } from './matcherDefinition';
import type { matcherDefinitions } from './matcherDefinitions';
import { toEmitEvent } from './toEmitEvent';
import { toEmitEventTimes } from './toEmitEventTimes';
import { toEmitEvents } from './toEmitEvents';
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

/**
 * The waiting matchers, each from its own definition with its own argument types, so no cast is
 * needed: WaitingMatcherFunctions is derived from matcherDefinitions, so a definition added there
 * and not here fails to compile (and one here that is not there too).
 */
const waitingMatcherFunctions: WaitingMatcherFunctions = {
  toEmitEvent: matcherFunction(toEmitEvent),
  toEmitEventTimes: matcherFunction(toEmitEventTimes),
  toEmitEvents: matcherFunction(toEmitEvents),
};

/** Every matcher, by name: what a runner passes to its `expect.extend`. */
export const matcherFunctions: MatcherFunctions = { ...waitingMatcherFunctions, ...offlineMatcherFunctions };
