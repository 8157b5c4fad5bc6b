import type { matcherDefinitions } from './matcherDefinitions';

/** `A | B` to `A & B`. */
type Intersection<U> = (U extends unknown ? (value: U) => void : never) extends (value: infer I) => void ? I : never;

/** Every listed matcher's typing (each declared in the matcher's own file), together. */
export type MatcherTypings = Intersection<NonNullable<(typeof matcherDefinitions)[number]['typing']>>;

/**
 * The matchers' signatures as specs call them: `await expect(eventBridge).toEmitEvent<Detail>(...)`.
 * Derived from the one list; a runner merges it into its own `Matchers`
 * (src/runners/jest/matcherTypes.ts). Each returns a promise to await.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface EventBridgeMatchers extends MatcherTypings {}
