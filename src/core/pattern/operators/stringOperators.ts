import { invalid } from '../InvalidEventPatternError';
import { isPlainObject } from '../jsonValues';
import { parseWildcard } from '../wildcard';
import type { Condition } from '../types';

/** `prefix` / `suffix`: a string, or `{"equals-ignore-case": string}` to ignore case. */
export function parseAffix(kind: 'prefix' | 'suffix', operand: unknown, path: string): Condition {
  if (isPlainObject(operand)) {
    const keys = Object.keys(operand);
    const [inner] = keys;
    const label = kind === 'prefix' ? 'Prefix' : 'Suffix';
    if (inner === undefined) invalid(`${label} expression name not found`, path);
    if (inner !== 'equals-ignore-case') invalid(`Unsupported ${kind} pattern: ${inner}`, path);
    const value = operand[inner];
    if (typeof value !== 'string') invalid('equals-ignore-case match pattern must be a string', path);
    if (keys.length > 1) invalid('Only one key allowed in match expression', path);
    return { kind, value, ignoreCase: true };
  }
  if (typeof operand !== 'string') invalid(`${kind} match pattern must be a string`, path);
  return { kind, value: operand, ignoreCase: false };
}

export function parseEqualsIgnoreCase(operand: unknown, path: string): Condition {
  if (typeof operand !== 'string') invalid('equals-ignore-case match pattern must be a string', path);
  return { kind: 'equalsIgnoreCase', value: operand };
}

export function parseWildcardOperand(operand: unknown, path: string): Extract<Condition, { kind: 'wildcard' }> {
  if (typeof operand !== 'string') invalid('wildcard match pattern must be a string', path);
  try {
    return { kind: 'wildcard', value: operand, glob: parseWildcard(operand) };
  } catch (error) {
    return invalid((error as Error).message, path);
  }
}
