export { matcherDefinitions, type MatcherName } from './matcherDefinitions';
export { runMatcher, type WaitingMatcherOptions } from './matcherSupport';
export type { EmitEventsOptions } from './toEmitEvents';
export { matcherFunctions, type MatcherFunctionOf, type MatcherFunctions, type WaitingMatcherFunctions } from './matcherFunctions';
export { offlineMatcherFunctions, type OfflineMatcherName, type OfflineMatcherTypings } from './offlineMatchers';
export {
  toMatchEventPattern,
  type ToMatchEventPatternTyping,
  type EventPatternArgument,
  type RuleWithPattern,
} from './toMatchEventPattern';
export type { MatcherDefinition, CheckResult, ArgumentReader, Unchecked } from './matcherDefinition';
export type { MatcherContextLike, MatcherUtilsLike, EqualityTester, MatcherFunction } from './matcherContext';
export type { EventBridgeMatchers } from './matcherTypings';
