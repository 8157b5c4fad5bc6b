import { matcherFunctions, type MatcherFunctions } from '../../core/matchers';

/** Every matcher by name, each typed by its definition's arguments. */
export type JestMatchers = MatcherFunctions;

/** Every matcher, by name, derived from the core's one list: `expect.extend(matchers)`. */
export const matchers: JestMatchers = matcherFunctions;

export const { toEmitEvent, toEmitEventTimes, toEmitEvents, toMatchEventPattern } = matchers;
