/** Dotted paths such as `detail.metadata.correlationId`, as used by the correlation option. */

export function splitPath(path: string): string[] {
  return path.split('.');
}

export function getAtPath(value: unknown, segments: readonly string[]): unknown {
  let node = value;
  for (const segment of segments) {
    if (typeof node !== 'object' || node === null || Array.isArray(node)) return undefined;
    node = (node as Record<string, unknown>)[segment];
  }
  return node;
}

/**
 * Returns a copy of `target` with `value` set at `segments`, copying each object on the way
 * so the caller's object is never mutated (a fixture reused by two tests must stay clean).
 * Throws a TypeError naming the segment when a non-object is in the way.
 */
export function withValueAtPath(target: Record<string, unknown>, segments: readonly string[], value: unknown): Record<string, unknown> {
  const [head, ...rest] = segments;
  if (head === undefined) return target;
  if (rest.length === 0) return { ...target, [head]: value };
  const child = target[head];
  if (child !== undefined && (typeof child !== 'object' || child === null || Array.isArray(child))) {
    throw new TypeError(`"${head}" is ${Array.isArray(child) ? 'an array' : typeof child}, not an object`);
  }
  return { ...target, [head]: withValueAtPath((child ?? {}) as Record<string, unknown>, rest, value) };
}
