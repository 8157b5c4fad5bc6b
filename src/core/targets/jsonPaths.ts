/**
 * The JSONPath that EventBridge evaluates in `InputPath` and `InputPathsMap`: a subset written in
 * dot notation (`$.detail.order-id`), with array indices (`$.detail.items[0]`) and wildcards
 * (`$.detail.items[*].sku`, `$.resources.*`). The selection itself is jsonpath-plus's (a maintained
 * evaluator), with script evaluation off; this module only decides which texts are in the subset,
 * so that a path EventBridge would refuse (`$..id`, a filter, bracket names) is refused here too.
 */
import { JSONPath } from 'jsonpath-plus';

/** PutTargets' limit on InputPath and on each InputPathsMap value, in characters. */
export const MAX_JSON_PATH_LENGTH = 256;

/** One step after `$`: `.name`, `.*`, `[0]` or `[*]`. Names: letters, digits, `-`, `_`, `/`, and the few others keys carry (`:`, `@`, `$`). */
const STEP = String.raw`(?:\.(?:\*|[A-Za-z0-9_\-/:@$]+)|\[(?:\d+|\*)\])`;
const SUPPORTED_PATH = new RegExp(`^\\$${STEP}*$`);

/** Why EventBridge would refuse `path` as a JSONPath, or undefined when it is one it evaluates. */
export function jsonPathProblem(path: string): string | undefined {
  if (path === '') return 'is empty';
  if (path.length > MAX_JSON_PATH_LENGTH) return `is ${path.length} characters long; EventBridge allows at most ${MAX_JSON_PATH_LENGTH}`;
  if (!path.startsWith('$')) return 'does not start with "$"';
  if (path.includes('..')) return 'uses recursive descent (".."), which EventBridge does not evaluate';
  if (/\[\s*['"]/.test(path)) return 'uses bracket notation for a name; EventBridge needs dot notation ($.detail.name)';
  if (/[?()]/.test(path)) return 'uses a filter or script expression, which EventBridge does not evaluate';
  if (!SUPPORTED_PATH.test(path)) return 'is not in the dot notation EventBridge evaluates ($.detail.name, $.items[0], $.items[*].id)';
  return undefined;
}

/** One match, as jsonpath-plus's resultType 'all' gives it (only the fields read here). */
interface PathResult {
  readonly value: unknown;
  readonly parent: unknown;
  readonly parentProperty: string | number | null;
}

/** Whether a path can select several values (it has a wildcard): its value is then the array of them. */
export function selectsMany(path: string): boolean {
  return path.includes('*');
}

/**
 * The value `path` selects in `event`: the one value found (undefined when none), or, for a path
 * with a wildcard, the array of every value found (empty when none). `path` must be valid
 * (`jsonPathProblem` gives undefined); BigInts in `event` are returned as they are.
 */
export function selectJsonPath(event: unknown, path: string): unknown {
  if (path === '$') return event;
  const results = JSONPath<readonly PathResult[]>({ path, json: event as object, wrap: true, eval: false, resultType: 'all' });
  // jsonpath-plus reads an array's or a string's `length` as a member; EventBridge finds no such field.
  const found = results
    .filter(({ parent, parentProperty }) => !(parentProperty === 'length' && (Array.isArray(parent) || typeof parent === 'string')))
    .map(({ value }) => value);
  return selectsMany(path) ? found : found[0];
}
