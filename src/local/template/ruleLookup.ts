import { didYouMean } from '../../foundation/didYouMean';

/** What finding a template's rule by name needs of it: local flows' rules and rulesFromTemplate's alike. */
interface NamedRule {
  readonly logicalId: string;
  readonly name: string;
}

/**
 * The rule a spec names: by logical id first, else by physical name. One lookup for
 * `rulesFromTemplate().rule()` and `mirrorRule` under local flows, so both find the same rule.
 */
export function findTemplateRule<R extends NamedRule>(rules: readonly R[], logicalIdOrName: string): R | undefined {
  return rules.find((rule) => rule.logicalId === logicalIdOrName) ?? rules.find((rule) => rule.name === logicalIdOrName);
}

/**
 * The likely rule for a name that found none, among logical ids and names alike; SAM names a
 * function's event rule <FunctionId><EventId>, so the event's id alone (a common first try)
 * suggests the rule whose logical id ends with it.
 */
export function guessTemplateRule(rules: readonly NamedRule[], logicalIdOrName: string): string | undefined {
  const logicalIds = rules.map((rule) => rule.logicalId);
  return (
    didYouMean(logicalIdOrName, [...logicalIds, ...rules.map((rule) => rule.name)]) ?? logicalIds.find((id) => id.endsWith(logicalIdOrName))
  );
}

/**
 * Whether the rule's name is one CloudFormation generated (`<stack>-<LogicalId>-<suffix>`), not
 * an explicit `Name`: such a name differs between local flows and the deployed stack.
 */
export function hasGeneratedName(rule: NamedRule): boolean {
  return rule.name.includes(`-${rule.logicalId}-`);
}
