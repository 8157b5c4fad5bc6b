import { invalid } from './InvalidEventPatternError';
import { addressKey } from './cidr';
import { asCanonicalNumber, isFiniteNumber, isPlainObject } from './jsonValues';
import { parseMatchExpression } from './operators/parseMatchExpression';
import type { Condition, FieldNode, LeafNode, ObjectNode } from './types';
import { parseExactJson, stringifyExactJson } from '../../foundation/exactJson';

/**
 * PutRule's limit on EventPattern, in characters. Accounts start with a quota of 2048 (adjustable
 * up to this); the library enforces the hard maximum so it never rejects a pattern AWS could accept.
 */
export const MAX_EVENT_PATTERN_LENGTH = 4096;

// event-ruler reserves these names inside `$or` so that an operator cannot be mistaken for a field.
const RESERVED_IN_OR = new Set([
  'exactly',
  'equals-ignore-case',
  'prefix',
  'suffix',
  'anything-but',
  'exists',
  'wildcard',
  'numeric',
  'cidr',
  'html',
  '=',
  '<',
  '<=',
  '>',
  '>=',
  'regex',
  'not-wildcard',
  'not-equals-ignore-case',
  'date-after',
  'date-on-or-after',
  'date-before',
  'date-on-or-before',
  'in-date-range',
  'ip-address-in-range',
  'ip-address-not-in-range',
]);

interface Slot {
  leaf?: LeafNode;
  object?: Builder;
}

interface Builder {
  readonly slots: Map<string, Slot>;
  readonly groups: Builder[][];
}

const newBuilder = (): Builder => ({ slots: new Map(), groups: [] });

function slotOf(builder: Builder, key: string): Slot {
  let slot = builder.slots.get(key);
  if (slot === undefined) {
    slot = {};
    builder.slots.set(key, slot);
  }
  return slot;
}

function join(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`;
}

function parseValue(raw: unknown, path: string): Condition {
  const value = asCanonicalNumber(raw);
  if (typeof value === 'string') return { kind: 'equals', value, ip: addressKey(value) };
  if (isFiniteNumber(value) || typeof value === 'bigint' || typeof value === 'boolean') return { kind: 'equals', value, ip: undefined };
  if (value === null) return { kind: 'equals', value: null, ip: undefined };
  if (isPlainObject(value)) return parseMatchExpression(value, path);
  return invalid('Match value must be String, number, true, false, or null', path);
}

function parseLeaf(values: readonly unknown[], path: string): LeafNode {
  if (values.length === 0) invalid('Empty arrays are not allowed', path);
  return { kind: 'leaf', conditions: values.map((value) => parseValue(value, path)) };
}

function parseOr(value: unknown, into: Builder, path: string): void {
  if (!Array.isArray(value)) invalid('It must be an Array followed with $or.', path);
  const alternatives = (value as readonly unknown[]).map((alternative, index) => {
    const at = `${path}[${index}]`;
    if (!isPlainObject(alternative)) invalid('Only JSON object is allowed in array of $or relationship.', at);
    const builder = newBuilder();
    parseObject(alternative, builder, at, true);
    return builder;
  });
  if (alternatives.length < 2) invalid('There must have at least 2 Objects in $or relationship.', path);
  into.groups.push(alternatives);
}

/**
 * Parses one pattern object into `into`. A dotted key is split into nested fields because
 * EventBridge joins names with "." before matching ({"a.b": …} and {"a": {"b": …}} are one rule);
 * a later pattern for the same field replaces an earlier one, as EventBridge documents.
 */
function parseObject(raw: Readonly<Record<string, unknown>>, into: Builder, path: string, insideOr: boolean): void {
  const keys = Object.keys(raw);
  if (keys.length === 0) invalid('Empty objects are not allowed', path);
  for (const key of keys) {
    const value = raw[key];
    const at = join(path, key);
    if (key === '$or') {
      parseOr(value, into, at);
      continue;
    }
    if (insideOr && RESERVED_IN_OR.has(key)) {
      invalid(`${key} is Ruler reserved fieldName which cannot be used inside $or.`, at);
    }
    const segments = key.split('.');
    const last = segments.pop() ?? key;
    let owner = into;
    for (const segment of segments) {
      const slot = slotOf(owner, segment);
      slot.object ??= newBuilder();
      owner = slot.object;
    }
    const slot = slotOf(owner, last);
    if (isPlainObject(value)) {
      slot.object ??= newBuilder();
      parseObject(value, slot.object, at, insideOr);
    } else if (Array.isArray(value)) {
      slot.leaf = parseLeaf(value, at);
    } else {
      invalid(`"${key}" must be an object or an array`, at);
    }
  }
}

function freeze(builder: Builder): ObjectNode {
  const fields: FieldNode[] = [];
  for (const [key, slot] of builder.slots) {
    if (slot.leaf !== undefined) fields.push({ key, node: slot.leaf });
    if (slot.object !== undefined) fields.push({ key, node: freeze(slot.object) });
  }
  return { kind: 'object', fields, alternatives: builder.groups.map((group) => group.map(freeze)) };
}

export interface ParsedPattern {
  /** The pattern as a JSON value (parsed when it was given as text). */
  readonly source: Readonly<Record<string, unknown>>;
  readonly root: ObjectNode;
}

function serialise(pattern: unknown): string {
  try {
    return stringifyExactJson(pattern) ?? '';
  } catch (error) {
    return invalid(`Pattern cannot be serialised as JSON: ${(error as Error).message}`, '');
  }
}

/** Validates a pattern (an object, or its JSON text) and turns it into the tree the matcher compiles. */
export function parsePattern(pattern: unknown): ParsedPattern {
  let value = pattern;
  let text: string;
  if (typeof pattern === 'string') {
    text = pattern;
    try {
      // Exact: a large integer in the pattern's text is read as a BigInt, as events are.
      value = parseExactJson(pattern);
    } catch (error) {
      invalid(`Pattern is not valid JSON (${(error as Error).message})`, '');
    }
  } else {
    text = serialise(pattern);
  }
  if (text.length > MAX_EVENT_PATTERN_LENGTH) {
    invalid(`Event pattern is ${text.length} characters long; EventBridge accepts at most ${MAX_EVENT_PATTERN_LENGTH}`, '');
  }
  if (!isPlainObject(value)) invalid('Filter is not an object', '');
  const builder = newBuilder();
  parseObject(value, builder, '', false);
  return { source: value, root: freeze(builder) };
}
