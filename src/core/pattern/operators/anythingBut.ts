import { invalid } from '../InvalidEventPatternError';
import { asCanonicalNumber, isFiniteNumber, isPlainObject } from '../jsonValues';
import { bigIntOperandProblem, numericOperandProblem } from '../numeric';
import type { Condition, ExcludableCondition } from '../types';
import { parseWildcardOperand } from './stringOperators';

type NestedOperator = 'prefix' | 'suffix' | 'equals-ignore-case' | 'wildcard';
const NESTED_OPERATORS: readonly string[] = ['prefix', 'suffix', 'equals-ignore-case', 'wildcard'];

// EventBridge's wording differs per nested operator; kept so messages can be searched for.
const NOT_A_STRING: Record<NestedOperator, string> = {
  prefix: 'prefix/suffix match pattern must be a string',
  suffix: 'prefix/suffix match pattern must be a string',
  'equals-ignore-case': 'Inside anything-but/equals-ignore-case list, number|start|null|boolean is not supported.',
  wildcard: 'wildcard match pattern must be a string',
};

function nested(operator: NestedOperator, value: string, path: string): ExcludableCondition {
  switch (operator) {
    case 'prefix':
    case 'suffix':
      if (value === '') invalid('Null prefix/suffix not allowed', path);
      return { kind: operator, value, ignoreCase: false };
    case 'equals-ignore-case':
      return { kind: 'equalsIgnoreCase', value };
    case 'wildcard':
      return parseWildcardOperand(value, path);
  }
}

function numberValue(value: number, path: string): ExcludableCondition {
  const problem = numericOperandProblem(value);
  if (problem !== undefined) invalid(problem, path);
  return { kind: 'equals', value, ip: undefined };
}

/**
 * `anything-but`: a string, a number, a list of only strings or only numbers, or one of
 * prefix / suffix / equals-ignore-case / wildcard with a string or a list of strings.
 */
export function parseAnythingBut(raw: unknown, path: string): Condition {
  const operand = Array.isArray(raw) ? (raw as readonly unknown[]).map(asCanonicalNumber) : asCanonicalNumber(raw);
  const tooLarge = (Array.isArray(operand) ? operand : [operand]).map(bigIntOperandProblem).find((problem) => problem !== undefined);
  if (tooLarge !== undefined) invalid(tooLarge, path);
  if (isPlainObject(operand)) {
    const keys = Object.keys(operand);
    const [operator] = keys;
    if (operator === undefined) invalid('Anything-But expression name not found', path);
    if (!NESTED_OPERATORS.includes(operator)) invalid(`Unsupported anything-but pattern: ${operator}`, path);
    const kind = operator as NestedOperator;
    const inner = operand[operator];
    if (!Array.isArray(inner) && typeof inner !== 'string' && !isFiniteNumber(inner)) {
      invalid('Value of anything-but must be an array or single string/number value.', path);
    }
    if (keys.length > 1) invalid('Only one key allowed in match expression', path);
    const values: readonly unknown[] = Array.isArray(inner) ? inner : [inner];
    if (values.length === 0) invalid('Empty arrays are not allowed', path);
    const excluded = values.map((value) => {
      if (typeof value !== 'string') return invalid(NOT_A_STRING[kind], path);
      return nested(kind, value, path);
    });
    return { kind: 'anythingBut', excluded };
  }
  if (Array.isArray(operand)) {
    const values: readonly unknown[] = operand;
    if (values.length === 0) invalid('Empty arrays are not allowed', path);
    for (const value of values) {
      if (typeof value !== 'string' && !isFiniteNumber(value)) {
        invalid('Inside anything but list, start|null|boolean is not supported.', path);
      }
    }
    const strings = values.filter((value): value is string => typeof value === 'string');
    if (strings.length !== 0 && strings.length !== values.length) {
      invalid('Inside anything but list, either all values are number or string, mixed type is not supported', path);
    }
    const excluded = values.map((value) =>
      typeof value === 'string' ? ({ kind: 'equals', value, ip: undefined } as const) : numberValue(value as number, path),
    );
    return { kind: 'anythingBut', excluded };
  }
  if (typeof operand === 'string') return { kind: 'anythingBut', excluded: [{ kind: 'equals', value: operand, ip: undefined }] };
  if (isFiniteNumber(operand)) return { kind: 'anythingBut', excluded: [numberValue(operand, path)] };
  return invalid('Value of anything-but must be an array or single string/number value.', path);
}
