import { stringifyExactJson } from '../../foundation/exactJson';
// Realm-independent: a pattern written in a spec has the sandbox's Object.prototype.
export { isPlainObject } from '../../foundation/objects';

export function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/**
 * A BigInt a double holds exactly, as that number: `5n` in a pattern is the number 5. Other
 * values are returned as they are, so a BigInt that remains is beyond ±(2^53-1).
 */
export function asCanonicalNumber(value: unknown): unknown {
  return typeof value === 'bigint' && value >= -MAX_SAFE && value <= MAX_SAFE ? Number(value) : value;
}

const MAX_RENDERED = 80;

/** A short JSON rendering for messages; long values are cut so one message stays one line. */
export function renderValue(value: unknown): string {
  let text: string;
  try {
    // Exact: a large integer (a BigInt) prints as its digits, not rounded.
    text = stringifyExactJson(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > MAX_RENDERED ? `${text.slice(0, MAX_RENDERED - 1)}…` : text;
}
