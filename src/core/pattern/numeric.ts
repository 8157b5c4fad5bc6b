import type { NumericRange } from './types';

/**
 * EventBridge compares numbers only within ±5.0e9, to six decimal places (event-ruler's
 * ComparableNumber). Pattern operands outside that are rejected; event values outside it simply
 * never satisfy a numeric condition (they can still equal a number in a value list).
 */
export const NUMERIC_LIMIT = 5e9;
export const MAX_DECIMAL_PLACES = 6;

/** Digits after the decimal point in the shortest form of `n` (the form JSON would carry). */
export function fractionDigits(n: number): number {
  if (Number.isInteger(n)) return 0;
  const text = String(n);
  const exponentAt = text.indexOf('e');
  const mantissa = exponentAt === -1 ? text : text.slice(0, exponentAt);
  const dot = mantissa.indexOf('.');
  const mantissaDigits = dot === -1 ? 0 : mantissa.length - dot - 1;
  return exponentAt === -1 ? mantissaDigits : Math.max(0, mantissaDigits - Number(text.slice(exponentAt + 1)));
}

/** Whether EventBridge would compare this event value numerically at all. */
export function isComparableNumber(n: number): boolean {
  return n >= -NUMERIC_LIMIT && n <= NUMERIC_LIMIT && (Number.isInteger(n) || fractionDigits(n) <= MAX_DECIMAL_PLACES);
}

/** EventBridge's reason for a numeric operand beyond ±5.0e9. */
const OUT_OF_RANGE = 'Value must be between -5.0E9 and 5.0E9, inclusive';

/**
 * Whether `value` is a BigInt left after `asCanonicalNumber`: one beyond ±(2^53-1), so far outside
 * ±5.0e9 that EventBridge refuses it with OUT_OF_RANGE (in `numeric` and in `anything-but` alike).
 * Returns that reason, or undefined for any other value.
 */
export function bigIntOperandProblem(value: unknown): string | undefined {
  return typeof value === 'bigint' ? OUT_OF_RANGE : undefined;
}

/** EventBridge's reason for refusing a numeric operand, or undefined when it is usable. */
export function numericOperandProblem(n: number): string | undefined {
  if (fractionDigits(n) > MAX_DECIMAL_PLACES) return 'Only values upto 6 decimals are supported';
  if (!(n >= -NUMERIC_LIMIT && n <= NUMERIC_LIMIT)) return OUT_OF_RANGE;
  return undefined;
}

/** A predicate for one range, specialised per bound kind so the hot path has no branches on flags. */
export function numericPredicate(range: NumericRange): (value: unknown) => boolean {
  const { low, high } = range;
  const precise = (n: number): boolean => Number.isInteger(n) || fractionDigits(n) <= MAX_DECIMAL_PLACES;
  if (low === high) return (v) => v === low && precise(v);
  if (range.lowOpen && range.highOpen) return (v) => typeof v === 'number' && v > low && v < high && precise(v);
  if (range.lowOpen) return (v) => typeof v === 'number' && v > low && v <= high && precise(v);
  if (range.highOpen) return (v) => typeof v === 'number' && v >= low && v < high && precise(v);
  return (v) => typeof v === 'number' && v >= low && v <= high && precise(v);
}
