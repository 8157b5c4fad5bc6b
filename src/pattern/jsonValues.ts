// Realm-independent: a pattern written in a spec has the sandbox's Object.prototype.
export { isPlainObject } from '../util/objects';

export function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

const MAX_RENDERED = 80;

/** A short JSON rendering for messages; long values are cut so one message stays one line. */
export function renderValue(value: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > MAX_RENDERED ? `${text.slice(0, MAX_RENDERED - 1)}…` : text;
}
