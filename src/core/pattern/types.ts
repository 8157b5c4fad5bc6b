/**
 * The values a JSON leaf can hold; the only values a pattern's value list may contain. A number
 * is a BigInt when it is an integer beyond ±(2^53-1), which a double cannot hold exactly.
 */
export type JsonPrimitive = string | number | bigint | boolean | null;

export interface Glob {
  /** Literal runs between `*`; a glob with n stars has n + 1 parts (some possibly empty). */
  readonly parts: readonly string[];
}

export interface IpRange {
  /** 4 bytes (IPv4) or 16 bytes (IPv6), as an unsigned big-endian hex string of fixed width. */
  readonly low: string;
  readonly high: string;
}

/**
 * One entry of a field's value list, after validation. Each is a predicate on a single leaf value;
 * the list is an OR of its entries.
 */
export type Condition =
  | { readonly kind: 'equals'; readonly value: JsonPrimitive; readonly ip: string | undefined }
  | { readonly kind: 'prefix'; readonly value: string; readonly ignoreCase: boolean }
  | { readonly kind: 'suffix'; readonly value: string; readonly ignoreCase: boolean }
  | { readonly kind: 'equalsIgnoreCase'; readonly value: string }
  | { readonly kind: 'wildcard'; readonly value: string; readonly glob: Glob }
  | { readonly kind: 'numeric'; readonly operand: readonly (string | number)[]; readonly range: NumericRange }
  | { readonly kind: 'cidr'; readonly value: string; readonly range: IpRange }
  | { readonly kind: 'exists'; readonly value: boolean }
  | { readonly kind: 'anythingBut'; readonly excluded: readonly ExcludableCondition[] };

/** What `anything-but` can exclude: exact values, or strings matched by prefix, suffix, case or wildcard. */
export type ExcludableCondition = Extract<Condition, { kind: 'equals' | 'prefix' | 'suffix' | 'equalsIgnoreCase' | 'wildcard' }>;

export interface NumericRange {
  readonly low: number;
  readonly lowOpen: boolean;
  readonly high: number;
  readonly highOpen: boolean;
}

export interface LeafNode {
  readonly kind: 'leaf';
  readonly conditions: readonly Condition[];
}

export interface FieldNode {
  /** One key of the event object at this level (a dotted pattern key is split into nested fields). */
  readonly key: string;
  readonly node: LeafNode | ObjectNode;
}

export interface ObjectNode {
  readonly kind: 'object';
  readonly fields: readonly FieldNode[];
  /** One entry per `$or` at this level; each entry lists its alternatives, all evaluated at this level. */
  readonly alternatives: readonly (readonly ObjectNode[])[];
}
