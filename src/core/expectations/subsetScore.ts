import { isPlainObject } from '../../foundation/objects';

/** The equality the test runner provides (Jest's `this.equals` with its custom testers). */
export type Equals = (received: unknown, expected: unknown) => boolean;

/**
 * The share (0..1) of an expected object's leaves that an event satisfies: picks the nearest
 * candidate for the failure diff. Nested plain objects are walked; anything else (values,
 * arrays, asymmetric matchers) is one leaf compared with the runner's equality.
 */
export function subsetScore(expected: Readonly<Record<string, unknown>>, received: unknown, equals: Equals): number {
  let matched = 0;
  let total = 0;
  const walk = (want: Readonly<Record<string, unknown>>, got: unknown): void => {
    for (const [key, value] of Object.entries(want)) {
      const gotValue = isPlainObject(got) ? got[key] : undefined;
      if (isPlainObject(value) && Object.keys(value).length > 0) {
        walk(value, gotValue);
      } else {
        total += 1;
        if (equals(gotValue, value)) matched += 1;
      }
    }
  };
  walk(expected, received);
  return total === 0 ? 1 : matched / total;
}

/**
 * The part of a received value that an expected object talks about, so a diff shows only the
 * fields the author asked for (the rest of an envelope would drown it).
 */
export function projectOnto(received: unknown, expected: unknown): unknown {
  if (!isPlainObject(expected) || !isPlainObject(received)) return received;
  const result: Record<string, unknown> = {};
  for (const key of Object.keys(expected)) {
    if (key in received) result[key] = projectOnto(received[key], expected[key]);
  }
  return result;
}
