/**
 * The `redact` option of the event report: paths in an event's `detail` whose values are masked
 * before anything is written to disk. A path is `detail.<key>.<key>...`; where a value on the
 * way is an array, the rest of the path applies to each of its items (`detail.items.card` masks
 * every item's card). A path that is not there masks nothing: the reporter says so at the run's
 * end ("matched no value in this run"), as a mistyped path would otherwise hide nothing silently.
 */

/** What a masked value becomes. */
export const REDACTED = '[redacted]';

const PATH = /^detail(\.[^.\s]+)+$/;
/** Index and wildcard syntax (`items[0]`, `*`) that users may expect from JSONPath: not the rule here. */
const NOT_A_KEY = /[[\]*]/;

/** Why `paths` is not a list of `detail.a.b` paths, or undefined when it is. */
export function redactPathsProblem(paths: unknown): string | undefined {
  if (!Array.isArray(paths)) return 'must be an array of paths in the event\'s detail, like ["detail.card.number"]';
  const patterned = paths.filter((path): path is string => typeof path === 'string' && NOT_A_KEY.test(path));
  if (patterned.length > 0) {
    return `must hold plain keys, without [ ] or *: a path through an array applies to each of its items (write "detail.items.card" for every item's card); got ${patterned.map((path) => JSON.stringify(path)).join(', ')}`;
  }
  const bad = paths.filter((path) => typeof path !== 'string' || !PATH.test(path));
  if (bad.length === 0) return undefined;
  const shown = bad.map((path) => (typeof path === 'string' ? JSON.stringify(path) : typeof path)).join(', ');
  return `must hold paths that start at detail, with a key after each dot, like "detail.card.number"; got ${shown}`;
}

/** A path's keys below `detail`: `detail.card.number` → `['card', 'number']`. */
function keysOf(path: string): string[] {
  return path.split('.').slice(1);
}

/** A copy of `value` with what is at `keys` masked; the same value when nothing is there. */
function mask(value: unknown, keys: readonly string[]): unknown {
  const [key, ...rest] = keys;
  if (key === undefined) return value;
  if (Array.isArray(value)) {
    const items = value.map((item: unknown) => mask(item, keys));
    return items.some((item, index) => item !== value[index]) ? items : value;
  }
  if (typeof value !== 'object' || value === null || !Object.prototype.hasOwnProperty.call(value, key)) return value;
  const record = value as Record<string, unknown>;
  const inner = rest.length === 0 ? REDACTED : mask(record[key], rest);
  return inner === record[key] ? value : { ...record, [key]: inner };
}

/** `detail` with every path masked (paths as validated: `detail.a.b`). */
export function redactDetail(detail: unknown, paths: readonly string[]): unknown {
  return paths.reduce((current, path) => mask(current, keysOf(path)), detail);
}

/** An envelope (or anything with a `detail`) with the paths masked in its `detail`. */
export function redactEnvelope(envelope: unknown, paths: readonly string[]): unknown {
  if (paths.length === 0 || typeof envelope !== 'object' || envelope === null || !('detail' in envelope)) return envelope;
  const record = envelope as Record<string, unknown>;
  return { ...record, detail: redactDetail(record.detail, paths) };
}

/**
 * What a mirrored target received: an envelope (masked in its `detail`), or a value cut from
 * one (InputPath `$.detail`, an InputTransformer's output), where the paths are tried from the
 * value itself too. Masking a key that only looks like the path is the safe side of not knowing.
 */
export function redactDelivered(value: unknown, paths: readonly string[]): unknown {
  if (paths.length === 0) return value;
  return redactDetail(redactEnvelope(value, paths), paths);
}

/** The values at the paths in `detail` (each item's, through arrays), as they were before masking. */
export function valuesAt(detail: unknown, paths: readonly string[]): unknown[] {
  const found: unknown[] = [];
  const walk = (value: unknown, keys: readonly string[]): void => {
    const [key, ...rest] = keys;
    if (key === undefined) {
      found.push(value);
      return;
    }
    if (Array.isArray(value)) {
      for (const item of value) walk(item, keys);
      return;
    }
    if (typeof value === 'object' && value !== null && Object.prototype.hasOwnProperty.call(value, key)) {
      walk((value as Record<string, unknown>)[key], rest);
    }
  };
  for (const path of paths) walk(detail, keysOf(path));
  return found;
}

/** The paths of `paths` at which `detail` holds a value (each counted once). */
export function pathsMatched(detail: unknown, paths: readonly string[]): string[] {
  return paths.filter((path) => valuesAt(detail, [path]).length > 0);
}

/** Shorter texts are left alone: masking `1` or `true` wherever it appears would garble a message and hide nothing. */
const SHORTEST_SECRET = 4;

/**
 * The texts a masked value shows as in a message: a string's text (also as JSON escapes it, the
 * way a message prints a string with quotes or newlines), a number's digits, each leaf of an object.
 */
export function secretTexts(value: unknown): string[] {
  if (typeof value === 'string') {
    if (value.length < SHORTEST_SECRET) return [];
    const escaped = JSON.stringify(value).slice(1, -1);
    return escaped === value ? [value] : [value, escaped];
  }
  if (typeof value === 'number' || typeof value === 'bigint') return secretTexts(String(value));
  if (Array.isArray(value)) return value.flatMap(secretTexts);
  if (typeof value === 'object' && value !== null) return Object.values(value).flatMap(secretTexts);
  return [];
}

/**
 * `text` (a runner's failure message, which prints events' details) with each secret text
 * replaced by "[redacted]", the longest first so that a secret containing another is masked
 * whole. A safety net with known limits, for text this library did not build: a value shorter
 * than 4 characters is never masked, a value the message cut (a line shortened to its width) or
 * printed another way (a number formatted, an object's layout) is missed in part or whole. The
 * report's own matcher messages do not rely on it: they are built from masked events.
 */
export function scrubText(text: string, secrets: ReadonlySet<string>): string {
  let scrubbed = text;
  for (const secret of [...secrets].sort((a, b) => b.length - a.length)) scrubbed = scrubbed.split(secret).join(REDACTED);
  return scrubbed;
}
