import { invalid } from '../InvalidEventPatternError';
import { asCanonicalNumber, isFiniteNumber, renderValue } from '../jsonValues';
import { bigIntOperandProblem, NUMERIC_LIMIT, numericOperandProblem } from '../numeric';
import type { Condition, NumericRange } from '../types';

function operandAt(operand: readonly unknown[], index: number, operator: string, path: string): number {
  const value = operand[index];
  const tooLarge = bigIntOperandProblem(value);
  if (tooLarge !== undefined) invalid(tooLarge, path);
  if (!isFiniteNumber(value)) invalid(`Value of ${operator === '=' ? 'equals' : operator} must be numeric`, path);
  const problem = numericOperandProblem(value);
  if (problem !== undefined) invalid(problem, path);
  return value;
}

function range(low: number, lowOpen: boolean, high: number, highOpen: boolean, path: string): NumericRange {
  // event-ruler refuses empty and inverted ranges, including open ends beyond ±5e9.
  if (low >= high) invalid('Bottom must be less than top', path);
  return { low, lowOpen, high, highOpen };
}

/**
 * `{"numeric": [op, n]}` or `{"numeric": [">" | ">=", n, "<" | "<=", m]}`: a lower bound must come
 * first in a two-sided range, as EventBridge requires.
 */
export function parseNumeric(operand: unknown, path: string): Condition {
  if (!Array.isArray(operand)) invalid('Value of numeric must be an array.', path);
  const terms: readonly unknown[] = (operand as readonly unknown[]).map(asCanonicalNumber);
  if (terms.length === 0) invalid('Empty arrays are not allowed', path);
  const operator = terms[0];
  if (typeof operator !== 'string') invalid(`Invalid member in numeric match: ${renderValue(operator)}`, path);
  const kept = terms.filter((term): term is string | number => typeof term === 'string' || typeof term === 'number');
  switch (operator) {
    case '=': {
      const value = operandAt(terms, 1, operator, path);
      if (terms.length > 2) invalid('Too many elements in numeric expression', path);
      return { kind: 'numeric', operand: kept, range: { low: value, lowOpen: false, high: value, highOpen: false } };
    }
    case '<':
    case '<=': {
      const value = operandAt(terms, 1, operator, path);
      if (terms.length > 2) invalid('Too many elements in numeric expression', path);
      return { kind: 'numeric', operand: kept, range: range(-NUMERIC_LIMIT, false, value, operator === '<', path) };
    }
    case '>':
    case '>=': {
      const low = operandAt(terms, 1, operator, path);
      if (terms.length === 2) {
        return { kind: 'numeric', operand: kept, range: range(low, operator === '>', NUMERIC_LIMIT, false, path) };
      }
      const upperOperator = terms[2];
      if (typeof upperOperator !== 'string') invalid(`Bad value in numeric range: ${renderValue(upperOperator)}`, path);
      if (upperOperator !== '<' && upperOperator !== '<=') invalid(`Bad numeric range operator: ${upperOperator}`, path);
      const high = operandAt(terms, 3, upperOperator, path);
      if (terms.length > 4) invalid('Too many terms in numeric range expression', path);
      return {
        kind: 'numeric',
        operand: kept,
        range: range(low, operator === '>', high, upperOperator === '<', path),
      };
    }
    default:
      return invalid(`Unrecognized numeric range operator: ${operator}`, path);
  }
}
