import { addressKey, isAddressInRange } from './cidr';
import { numericPredicate } from './numeric';
import type { Condition } from './types';
import { matchesGlob } from './wildcard';

/** A test on one leaf value (string, number, boolean or null) of the event. */
export type Predicate = (leaf: unknown) => boolean;

function affixPredicate(condition: Extract<Condition, { kind: 'prefix' | 'suffix' }>): Predicate {
  const { value } = condition;
  if (condition.ignoreCase) {
    const lower = value.toLowerCase();
    return condition.kind === 'prefix'
      ? (leaf) => typeof leaf === 'string' && leaf.toLowerCase().startsWith(lower)
      : (leaf) => typeof leaf === 'string' && leaf.toLowerCase().endsWith(lower);
  }
  return condition.kind === 'prefix'
    ? (leaf) => typeof leaf === 'string' && leaf.startsWith(value)
    : (leaf) => typeof leaf === 'string' && leaf.endsWith(value);
}

function conditionPredicate(condition: Exclude<Condition, { kind: 'equals' | 'exists' }>): Predicate {
  switch (condition.kind) {
    case 'prefix':
    case 'suffix':
      return affixPredicate(condition);
    case 'equalsIgnoreCase': {
      const lower = condition.value.toLowerCase();
      return (leaf) => typeof leaf === 'string' && leaf.toLowerCase() === lower;
    }
    case 'wildcard': {
      const { glob } = condition;
      return (leaf) => typeof leaf === 'string' && matchesGlob(glob, leaf);
    }
    case 'numeric':
      return numericPredicate(condition.range);
    case 'cidr': {
      const { range } = condition;
      return (leaf) => typeof leaf === 'string' && isAddressInRange(leaf, range);
    }
    case 'anythingBut': {
      const excluded = valuesPredicate(condition.excluded);
      return (leaf) => !excluded(leaf);
    }
  }
}

/**
 * The OR of a value list (without `exists`) as one predicate on a leaf value. Exact values go into
 * sets so a long list costs one lookup; the rest are tried in order.
 */
export function valuesPredicate(conditions: readonly Condition[]): Predicate {
  const strings = new Set<string>();
  const numbers = new Set<number>();
  // Integers beyond ±(2^53-1), exactly (events carry them as BigInts).
  const bigints = new Set<bigint>();
  const addresses = new Set<string>();
  const others: Predicate[] = [];
  let hasNull = false;
  let hasTrue = false;
  let hasFalse = false;
  for (const condition of conditions) {
    if (condition.kind === 'exists') continue;
    if (condition.kind !== 'equals') {
      others.push(conditionPredicate(condition));
      continue;
    }
    const { value } = condition;
    if (typeof value === 'string') {
      strings.add(value);
      // EventBridge compares a value that is an IP address as an address: "::1" equals "0:0::1".
      if (condition.ip !== undefined) addresses.add(condition.ip);
    } else if (typeof value === 'number') {
      numbers.add(value);
      // A pattern written as a JS object holds a large integer as a double already rounded;
      // EventBridge would receive its JSON text (12345678901234567890 is sent as
      // 12345678901234567000) and compare that text, so the integer that text names is matched.
      if (Number.isInteger(value) && !Number.isSafeInteger(value) && Math.abs(value) < 1e21) bigints.add(BigInt(String(value)));
    } else if (typeof value === 'bigint') bigints.add(value);
    else if (value === null) hasNull = true;
    else if (value) hasTrue = true;
    else hasFalse = true;
  }
  const onlyStrings =
    numbers.size === 0 && bigints.size === 0 && addresses.size === 0 && others.length === 0 && !hasNull && !hasTrue && !hasFalse;
  if (onlyStrings && strings.size === 1) {
    const [only] = strings;
    return (leaf) => leaf === only;
  }
  if (onlyStrings) return (leaf) => typeof leaf === 'string' && strings.has(leaf);
  if (strings.size === 0 && numbers.size === 0 && bigints.size === 0 && addresses.size === 0 && !hasNull && !hasTrue && !hasFalse) {
    const [only] = others;
    if (others.length === 1 && only !== undefined) return only;
  }
  return (leaf) => {
    switch (typeof leaf) {
      case 'string':
        if (strings.has(leaf)) return true;
        if (addresses.size !== 0) {
          const key = addressKey(leaf);
          if (key !== undefined && addresses.has(key)) return true;
        }
        break;
      case 'number':
        if (numbers.has(leaf)) return true;
        break;
      case 'bigint':
        if (bigints.has(leaf)) return true;
        break;
      case 'boolean':
        if (leaf ? hasTrue : hasFalse) return true;
        break;
      default:
        if (leaf === null && hasNull) return true;
    }
    for (const other of others) if (other(leaf)) return true;
    return false;
  };
}
