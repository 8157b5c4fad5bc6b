import type { matcherDefinitions } from './matcherDefinitions';
import type { OfflineMatcherTypings } from './offlineMatchers';

/** `A | B` to `A & B`. */
type Intersection<U> = (U extends unknown ? (value: U) => void : never) extends (value: infer I) => void ? I : never;

/** Every listed matcher's typing (each declared in the matcher's own file), together. */
export type MatcherTypings = Intersection<NonNullable<(typeof matcherDefinitions)[number]['typing']>>;

/**
 * The matchers' signatures as specs call them: `await expect(eventBridge).toEmitEvent<Detail>(...)`
 * (derived from the one list of waiting matchers; each returns a promise to await) and
 * `expect(event).toMatchEventPattern(pattern)` (the offline ones, synchronous). A runner merges
 * it into its own `Matchers` (src/runners/jest/matcherTypes.ts).
 */
export interface EventBridgeMatchers extends MatcherTypings, OfflineMatcherTypings {}
