import { toMatchEventPattern, type ToMatchEventPatternTyping } from './toMatchEventPattern';

/**
 * The synchronous matchers, which decide on the value they are given with no capture and no
 * waiting (`expect(event).toMatchEventPattern(pattern)`). A sibling of matcherDefinitions.ts,
 * the waiting matchers' list: these are registered with them (matcherFunctions.ts) and typed
 * with them (matcherTypings.ts), but stay out of the lint rule that makes specs await those.
 */
export const offlineMatcherFunctions = { toMatchEventPattern } as const;

/** The offline matchers' names: `'toMatchEventPattern'`. */
export type OfflineMatcherName = keyof typeof offlineMatcherFunctions;

/** The offline matchers' signatures as specs call them. */
export type OfflineMatcherTypings = ToMatchEventPatternTyping;
