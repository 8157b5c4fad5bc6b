import { invalid } from '../InvalidEventPatternError';
import { parseCidr } from '../cidr';
import type { Condition } from '../types';
import { parseAnythingBut } from './anythingBut';
import { parseNumeric } from './numericOperator';
import { parseAffix, parseEqualsIgnoreCase, parseWildcardOperand } from './stringOperators';

/** The operator names EventBridge accepts inside a field's value list (all case-sensitive). */
export const MATCH_OPERATORS = ['prefix', 'suffix', 'equals-ignore-case', 'anything-but', 'numeric', 'exists', 'cidr', 'wildcard'] as const;

function parseCidrOperand(operand: unknown, path: string): Condition {
  // EventBridge says "prefix match pattern must be a string" here (a slip in event-ruler); naming
  // the operator actually used is more useful.
  if (typeof operand !== 'string') invalid('cidr match pattern must be a string', path);
  try {
    return { kind: 'cidr', value: operand, range: parseCidr(operand) };
  } catch (error) {
    return invalid((error as Error).message, path);
  }
}

/** One `{ "<operator>": operand }` entry of a value list. */
export function parseMatchExpression(expression: Readonly<Record<string, unknown>>, path: string): Condition {
  const keys = Object.keys(expression);
  const [operator] = keys;
  if (operator === undefined) invalid('Match expression name not found', path);
  if (keys.length > 1 && (MATCH_OPERATORS as readonly string[]).includes(operator)) {
    invalid('Only one key allowed in match expression', path);
  }
  const operand = expression[operator];
  switch (operator) {
    case 'prefix':
    case 'suffix':
      return parseAffix(operator, operand, path);
    case 'equals-ignore-case':
      return parseEqualsIgnoreCase(operand, path);
    case 'wildcard':
      return parseWildcardOperand(operand, path);
    case 'anything-but':
      return parseAnythingBut(operand, path);
    case 'numeric':
      return parseNumeric(operand, path);
    case 'cidr':
      return parseCidrOperand(operand, path);
    case 'exists':
      if (typeof operand !== 'boolean') invalid('exists match pattern must be either true or false.', path);
      return { kind: 'exists', value: operand };
    default:
      return invalid(`Unrecognized match type ${operator}`, path);
  }
}
