export type { TargetInputSpec, TargetKind, RoutableRule, RoutableTarget } from './targetSpecs';
export { targetInput, compileTargetInput, type TargetInputContext, type CompiledTargetInput } from './targetInput';
export { transformInput, OFFLINE_RULE_NAME, type TransformInputContext } from './transformInput';
export {
  targetInputProblems,
  describeTargetInputProblem,
  assertValidTargetInput,
  InvalidTargetInputError,
  MAX_INPUT_PATHS,
  type TargetInputProblem,
  type TargetInputCheckOptions,
} from './targetInputProblems';
export { jsonPathProblem, selectJsonPath } from './jsonPaths';
export {
  parseInputTemplate,
  RESERVED_PLACEHOLDERS,
  type ParsedTemplate,
  type TemplatePart,
  type PlaceholderPosition,
} from './inputTemplate';
export {
  compileRuleChecks,
  rulesMatching,
  type RuleToCheck,
  type RuleChecks,
  type RefusedRule,
  type NearestRule,
  type RulesMatchingResult,
} from './rulesMatching';
export { compileRouting, routeEvent, busNameOf, type Routing, type RoutedTarget, type RouteOptions } from './routeEvent';
