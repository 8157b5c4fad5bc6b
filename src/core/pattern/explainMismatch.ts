import { leafMatcher } from './compileMatcher';
import { fieldReader } from './fieldReader';
import { renderValue } from './jsonValues';
import { isComparableNumber, MAX_DECIMAL_PLACES, NUMERIC_LIMIT } from './numeric';
import { describeConditions } from './describeCondition';
import type { LeafNode, ObjectNode } from './types';

/** One condition the event failed, at the event path where it failed. */
export interface PatternMismatch {
  readonly path: string;
  readonly reason: string;
}

type Container = Readonly<Record<string, unknown>>;

// The same test the matcher uses, so that explanations agree with `matches` for any input.
function isContainer(value: unknown): value is Container {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function join(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`;
}

function leavesOf(value: readonly unknown[], into: unknown[] = []): unknown[] {
  for (const element of value) {
    if (Array.isArray(element)) leavesOf(element, into);
    else if (element !== undefined && (typeof element !== 'object' || element === null)) into.push(element);
  }
  return into;
}

/** Why a lone numeric condition cannot hold for a number EventBridge will not compare. */
function incomparable(leaf: LeafNode, value: unknown): string | undefined {
  const [only] = leaf.conditions;
  if (leaf.conditions.length !== 1 || only?.kind !== 'numeric') return undefined;
  // An integer beyond ±(2^53-1) (a BigInt) is far outside the range, too.
  if (typeof value === 'bigint') return `${renderValue(value)} is outside the range EventBridge compares numerically (-5e9 to 5e9)`;
  if (typeof value !== 'number' || isComparableNumber(value)) return undefined;
  if (Math.abs(value) > NUMERIC_LIMIT) {
    return `${renderValue(value)} is outside the range EventBridge compares numerically (-5e9 to 5e9)`;
  }
  return `${renderValue(value)} has more than ${MAX_DECIMAL_PLACES} decimal places, so EventBridge does not compare it numerically`;
}

function explainLeaf(leaf: LeafNode, value: unknown): string | undefined {
  if (leafMatcher(leaf)(value)) return undefined;
  if (value === undefined) return 'missing';
  const wanted = describeConditions(leaf.conditions);
  const onlyAbsence = leaf.conditions.every((condition) => condition.kind === 'exists' && !condition.value);
  if (onlyAbsence) return `present (${renderValue(value)}), but must not exist`;
  if (Array.isArray(value)) {
    const leaves = leavesOf(value);
    if (leaves.length === 0) return `${renderValue(value)} holds no values, so it is not ${wanted}`;
    return `no element of ${renderValue(value)} is ${wanted}`;
  }
  if (isContainer(value)) return `${renderValue(value)} is an object, not ${wanted}`;
  return incomparable(leaf, value) ?? `${renderValue(value)} is not ${wanted}`;
}

function explainBody(node: ObjectNode, container: Container | undefined, path: string): PatternMismatch[] {
  const mismatches: PatternMismatch[] = [];
  for (const field of node.fields) {
    const value = container === undefined ? undefined : fieldReader(field.key)(container);
    const at = join(path, field.key);
    if (field.node.kind === 'leaf') {
      const reason = explainLeaf(field.node, value);
      if (reason !== undefined) mismatches.push({ path: at, reason });
    } else {
      mismatches.push(...explainObject(field.node, value, at));
    }
  }
  for (const alternatives of node.alternatives) {
    let closest: PatternMismatch[] | undefined;
    for (const alternative of alternatives) {
      const failures = explainBody(alternative, container, path);
      if (failures.length === 0) {
        closest = failures;
        break;
      }
      if (closest === undefined || failures.length < closest.length) closest = failures;
    }
    mismatches.push(...(closest ?? []));
  }
  return mismatches;
}

/**
 * The failing conditions of `node` against `value`, mirroring the matcher's decisions: for an
 * array the element that came closest is reported (with its index), for `$or` the closest
 * alternative.
 */
export function explainObject(node: ObjectNode, value: unknown, path: string): PatternMismatch[] {
  if (Array.isArray(value) && value.length !== 0) {
    let closest: PatternMismatch[] | undefined;
    value.forEach((element: unknown, index) => {
      if (closest?.length === 0) return;
      const failures = explainObject(node, element, `${path}[${index}]`);
      if (closest === undefined || failures.length < closest.length) closest = failures;
    });
    return closest ?? [];
  }
  return explainBody(node, isContainer(value) ? value : undefined, path);
}
