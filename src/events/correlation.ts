import { PutEventsError } from '../errors';
import type { EventBridgeEvent } from './envelope';
import { getAtPath, withValueAtPath } from './objectPath';
import type { PutEntry } from './putEntries';
import { messageOf } from '../util/realm';

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
  let detail: unknown = entry.detail ?? {};
  if (typeof detail === 'string') {
    try {
      detail = JSON.parse(detail);
    } catch {
      return { entry, correlationId: undefined }; // toRequestEntry reports the bad JSON
    }
  }
  if (typeof detail !== 'object' || detail === null || Array.isArray(detail)) return { entry, correlationId: undefined };
  const existing = getAtPath(detail, inDetail);
  if (existing !== undefined) return { entry, correlationId: typeof existing === 'string' ? existing : undefined };
  try {
    const stamped = withValueAtPath(detail as Record<string, unknown>, inDetail, id);
    return { entry: { ...entry, detail: stamped }, correlationId: id };
  } catch (error) {
    throw new PutEventsError(
      `put(): entry ${index}: cannot stamp the correlation id at "${segments.join('.')}": ${messageOf(error)}.`,
    );
  }
}

/** Reads an event's correlation id at `segments`, when it is a string. */
export function correlationOf(event: EventBridgeEvent, segments: readonly string[]): string | undefined {
  const value = getAtPath(event, segments);
  return typeof value === 'string' ? value : undefined;
}
