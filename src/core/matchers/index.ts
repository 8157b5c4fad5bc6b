export { matcherDefinitions, type MatcherName } from './matcherDefinitions';
export { runMatcher, type WaitingMatcherOptions } from './matcherSupport';
export type { EmitEventsOptions } from './toEmitEvents';
export { matcherFunctions, type MatcherFunctionOf, type MatcherFunctions } from './matcherFunctions';
export type { MatcherDefinition, CheckResult, ArgumentReader, Unchecked } from './matcherDefinition';
export type { MatcherContextLike, MatcherUtilsLike, EqualityTester, MatcherFunction } from './matcherContext';
export type { EventBridgeMatchers } from './matcherTypings';
