import { stringifyExactJson } from '../../../foundation/exactJson';

/**
 * How messages print values. The Jest adapter passes `this.utils` (colours, Jest's pretty
 * format and diff); another runner passes its own. Keeping it injected keeps messages pure.
 */
export interface Printer {
  expected(value: unknown): string;
  received(value: unknown): string;
  diff(expected: unknown, received: unknown): string | null;
}

export function stringify(value: unknown): string {
  if (typeof value === 'function') return `[Function${value.name ? ` ${value.name}` : ''}]`;
  try {
    return stringifyExactJson(value) ?? String(value);
  } catch {
    return String(value);
  }
}
