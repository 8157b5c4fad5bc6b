// Type test, checked by `npm run typecheck` (never run). The typings and Jest's context must
// follow the one list of matchers (src/core/matchers/matcherDefinitions.ts).
import type { MatcherContext } from 'expect';
import type { MatcherContextLike, MatcherName, OfflineMatcherName } from '../../src/core/matchers';
import type { EventBridgeMatchers } from '../../src/runners/jest/matcherTypes';

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;

/**
 * EventBridgeMatchers (derived from the definitions' typings and the offline matchers') declares
 * exactly the listed matchers: a typing interface with a second method, or a stray one, fails here.
 */
export const typingsFollowTheList: Equal<keyof EventBridgeMatchers, MatcherName | OfflineMatcherName> = true;

/** The offline matcher is synchronous: nothing to await, so the lint rule for waiting matchers leaves it alone. */
export const offlineMatcherIsSynchronous: Equal<ReturnType<EventBridgeMatchers['toMatchEventPattern']>, void> = true;

/** Jest's `this` in a matcher is our structural context, so the core runs on it unchanged. */
export const jestContextFits = (context: MatcherContext): MatcherContextLike => context;
