import { applyEdits, modify } from 'jsonc-parser';
import { PutEventsError } from '../../foundation/errors';
import { parseExactJson } from '../../foundation/exactJson';
import { isPlainObject, isRecord } from '../../foundation/objects';
import { messageOf, unserialisableKind } from '../../foundation/realm';
import type { EventBridgeEvent } from './envelope';
import { getAtPath, withValueAtPath } from './objectPath';
import type { PutEntry } from './putEntries';

/**
 * Inserts `id` at `segments` into a detail given as JSON text, leaving the rest of the text as
 * written: numbers such as 12345678901234567890 or 1.10, spacing and key order reach the bus
 * unchanged. jsonc-parser (VS Code's JSON library) computes the one insertion: with no
 * formatting options its edit adds the property and touches nothing else.
 */
function insertIntoText(text: string, inDetail: readonly string[], id: string): string {
  return applyEdits(text, modify(text, [...inDetail], id, {}));
}

/**
 * Stamps a correlation id into an entry's detail at `segments` (which start with `detail`),
 * unless the entry already carries one there: an explicit id is the author's choice.
 * Returns the entry to send and the id it carries.
 */
export function stampCorrelation(
  entry: PutEntry,
  segments: readonly string[],
  id: string,
  index: number,
): { entry: PutEntry; correlationId: string | undefined } {
  if (typeof entry !== 'object' || entry === null) return { entry, correlationId: undefined };
  const inDetail = segments.slice(1);
  const text = typeof entry.detail === 'string' ? entry.detail : undefined;
  let detail: unknown = entry.detail ?? {};
  if (text !== undefined) {
    try {
      detail = parseExactJson(text);
    } catch {
      return { entry, correlationId: undefined }; // toRequestEntry reports the bad JSON
    }
  }
  // Only a plain object (or JSON text) is stamped: a Map, a Date or a class instance would come
  // out of the copy below as a plain object, passing put()'s checks with its data lost. A Map or a
  // Date is left to toRequestEntry, which refuses it; an instance, sent unstamped, would never
  // reach the capture, so it is refused here.
  if (!isPlainObject(detail)) {
    if (isRecord(detail) && unserialisableKind(detail) === undefined) {
      const kind =
        typeof detail.constructor === 'function' && detail.constructor.name
          ? `an instance of ${detail.constructor.name}`
          : 'not a plain object';
      throw new PutEventsError(
        `put(): entry ${index}: "detail" is ${kind}; with correlation scoping it must be a plain object or JSON text, so that the id can be stamped into it: pass { ...detail } or JSON.stringify(detail).`,
      );
    }
    return { entry, correlationId: undefined };
  }
  const existing = getAtPath(detail, inDetail);
  if (existing !== undefined) return { entry, correlationId: typeof existing === 'string' ? existing : undefined };
  try {
    // Also for text: it throws, naming the segment, where a non-object is in the way.
    const stamped = withValueAtPath(detail, inDetail, id);
    return { entry: { ...entry, detail: text !== undefined ? insertIntoText(text, inDetail, id) : stamped }, correlationId: id };
  } catch (error) {
    throw new PutEventsError(`put(): entry ${index}: cannot stamp the correlation id at "${segments.join('.')}": ${messageOf(error)}.`);
  }
}

/** Reads an event's correlation id at `segments`, when it is a string. */
export function correlationOf(event: EventBridgeEvent, segments: readonly string[]): string | undefined {
  const value = getAtPath(event, segments);
  return typeof value === 'string' ? value : undefined;
}
