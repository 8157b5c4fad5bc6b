/**
 * A bad value as an error message shows it after "got": strings quoted (so `got "abc"` cannot be
 * misread, and an empty string shows as `""`), numbers, booleans, BigInts, null and undefined as
 * they are written, and objects by kind only ("an array", "an object", "a function"): their
 * contents could be long, or secret, and a function's source text tells the user nothing.
 */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return 'an array';
  if (value === null || value === undefined) return String(value);
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (typeof value === 'symbol') return value.toString();
  return typeof value === 'function' ? 'a function' : 'an object';
}
