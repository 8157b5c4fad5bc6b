import { fieldReader } from './fieldReader';
import type { FieldNode, LeafNode, ObjectNode } from './types';
import { type Predicate, valuesPredicate } from './valuesPredicate';

/** Decides one node against the event value found at its path (`undefined` when there is none). */
export type ValueMatcher = (value: unknown) => boolean;
type Container = Readonly<Record<string, unknown>>;
type ContainerMatcher = (container: Container | undefined) => boolean;

const leafMatchers = new WeakMap<LeafNode, ValueMatcher>();

/**
 * A field's value list against the event value at its path. Only leaves (strings, numbers,
 * booleans, null, also inside arrays at any depth) are values; an object, an empty array or an
 * array of objects has none, which is why `exists: false` matches them.
 */
export function leafMatcher(leaf: LeafNode): ValueMatcher {
  const cached = leafMatchers.get(leaf);
  if (cached !== undefined) return cached;
  const present = leaf.conditions.some((condition) => condition.kind === 'exists' && condition.value);
  const absent = leaf.conditions.some((condition) => condition.kind === 'exists' && !condition.value);
  const test: Predicate = present ? () => true : valuesPredicate(leaf.conditions);
  // 2: an element matched; 1: there were values but none matched; 0: no values at all.
  const scan = (array: readonly unknown[]): number => {
    let outcome = 0;
    for (const element of array) {
      if (element === undefined) continue;
      if (typeof element !== 'object' || element === null) {
        if (test(element)) return 2;
        outcome = 1;
      } else if (Array.isArray(element)) {
        const nested = scan(element);
        if (nested === 2) return 2;
        if (nested === 1) outcome = 1;
      }
    }
    return outcome;
  };
  const matcher: ValueMatcher = (value) => {
    if (value === undefined) return absent;
    if (typeof value !== 'object' || value === null) return test(value);
    if (Array.isArray(value)) {
      const outcome = scan(value);
      return outcome === 2 || (outcome === 0 && absent);
    }
    return absent;
  };
  leafMatchers.set(leaf, matcher);
  return matcher;
}

function allOf(checks: readonly ContainerMatcher[]): ContainerMatcher {
  const [first, second, third] = checks;
  if (first === undefined) return () => true;
  if (second === undefined) return first;
  if (third === undefined) return (container) => first(container) && second(container);
  if (checks.length === 3) return (container) => first(container) && second(container) && third(container);
  return (container) => {
    for (const check of checks) if (!check(container)) return false;
    return true;
  };
}

function fieldMatcher(field: FieldNode): ContainerMatcher {
  const child = field.node.kind === 'leaf' ? leafMatcher(field.node) : objectMatcher(field.node);
  // A missing field (or a parent that is not an object) gives the same answer every time.
  const whenMissing = child(undefined);
  const read = fieldReader(field.key);
  return (container) => (container === undefined ? whenMissing : child(read(container)));
}

function bodyMatcher(node: ObjectNode): ContainerMatcher {
  const checks = node.fields.map(fieldMatcher);
  for (const alternatives of node.alternatives) {
    const bodies = alternatives.map(bodyMatcher);
    checks.push((container) => {
      for (const body of bodies) if (body(container)) return true;
      return false;
    });
  }
  return allOf(checks);
}

/**
 * A pattern object against the event value at its path. Applied to an array, it needs one element
 * to satisfy all of it, as EventBridge does: fields matched inside an array must come from the same
 * element.
 */
export function objectMatcher(node: ObjectNode): ValueMatcher {
  const body = bodyMatcher(node);
  const whenMissing = body(undefined);
  const matcher: ValueMatcher = (value) => {
    if (typeof value !== 'object' || value === null) return whenMissing;
    if (Array.isArray(value)) {
      if (value.length === 0) return whenMissing;
      for (const element of value) if (matcher(element)) return true;
      return false;
    }
    return body(value as Container);
  };
  return matcher;
}
