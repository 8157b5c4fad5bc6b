/**
 * The matchers' signatures as specs call them: `expect(eventBridge).toEmitEvent<Detail>(...)`.
 * Empty here: each matcher's own file adds its signature, with its JSDoc and its `Detail`
 * generic, by augmenting this interface, so the typing lives beside the definition. A runner
 * merges it into its own `Matchers` (src/runners/jest/matcherTypes.ts), and a type test checks
 * that its keys are exactly the names in `matcherDefinitions`. Each returns a promise to await.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface EventBridgeMatchers {}
