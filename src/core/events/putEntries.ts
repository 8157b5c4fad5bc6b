import { isRecord } from '../../foundation/objects';
import type { PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import { PutEventsError } from '../../foundation/errors';
import { didYouMean } from '../../foundation/didYouMean';
import { TIME_EXAMPLE, toEventTime } from './eventTime';
import { messageOf, unserialisableKind } from '../../foundation/realm';
import { stringifyExactJson } from '../../foundation/exactJson';
import { describeValue } from '../../foundation/describeValue';

/**
 * An event to put, in the SDK's spirit but with `detail` as an object and camelCase keys.
 * `Detail` is the detail's type: any object type, an `interface` included (no index signature
 * needed); `put<OrderPlaced>(...)` checks the detail against it.
 */
export interface PutEntry<Detail extends object = object> {
  source: string;
  detailType: string;
  /**
   * An object (serialised for you; BigInts are written as their digits) or a JSON string (sent
   * as written: with correlation scoping only the id is inserted into it). @default {}
   */
  detail?: Detail | string;
  resources?: string[];
  /**
   * The event's time: a Date, an RFC 3339 timestamp with an offset (`"2024-05-01T10:00:00Z"`,
   * `"2024-05-01T12:00:00+02:00"`), or whole epoch milliseconds. EventBridge keeps whole seconds.
   * @default the time EventBridge receives the event
   */
  time?: Date | string | number;
  /** @default the capture's bus */
  eventBusName?: string;
  traceHeader?: string;
}

/** EventBridge's limits: 10 entries per PutEvents call and 256 KB per call. */
export const MAX_ENTRIES_PER_CALL = 10;
export const MAX_REQUEST_BYTES = 256 * 1024;

const ENTRY_KEYS = new Set(['source', 'detailType', 'detail', 'resources', 'time', 'eventBusName', 'traceHeader']);

/**
 * An entry's size as EventBridge counts it (the PutEvents quota page): 14 bytes for Time when
 * present, plus the UTF-8 bytes of Source, DetailType, Detail and each resource.
 */
export function entrySize(entry: PutEventsRequestEntry): number {
  let size = entry.Time ? 14 : 0;
  for (const text of [entry.Source, entry.DetailType, entry.Detail, ...(entry.Resources ?? [])]) {
    if (text) size += Buffer.byteLength(text, 'utf8');
  }
  return size;
}

/**
 * Where a detail refers back to itself, e.g. "detail.order.parent refers back to detail.order".
 * JSON.stringify's own text names constructors over several lines, not the path to fix.
 */
function findCycle(value: unknown, path: string, ancestors: readonly (readonly [object, string])[] = []): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const earlier = ancestors.find(([ancestor]) => ancestor === value);
  if (earlier) return `${path} refers back to ${earlier[1]}`;
  const chain = [...ancestors, [value, path] as const];
  for (const [key, child] of Object.entries(value)) {
    const found = findCycle(child, Array.isArray(value) ? `${path}[${key}]` : `${path}.${key}`, chain);
    if (found) return found;
  }
  return undefined;
}

/** Checks one entry and turns it into the SDK's shape; throws a PutEventsError naming the entry. */
export function toRequestEntry(entry: unknown, index: number, defaultBus: string): PutEventsRequestEntry {
  const label = `put(): entry ${index}`;
  if (!isRecord(entry))
    throw new PutEventsError(`${label} must be an object like { source, detailType, detail }, got ${describeValue(entry)}.`);
  const unknown = Object.keys(entry).filter((key) => !ENTRY_KEYS.has(key));
  if (unknown.length > 0) {
    // The envelope's and the SDK's spellings are the usual slips (detail-type, Source, EventBusName).
    const suggestion = unknown.length === 1 ? didYouMean(unknown[0] ?? '', [...ENTRY_KEYS]) : undefined;
    const hint =
      unknown.includes('detail-type') || unknown.includes('DetailType')
        ? ' (write detailType)'
        : suggestion
          ? ` (did you mean "${suggestion}"?)`
          : '';
    throw new PutEventsError(
      `${label} has unknown key(s) ${unknown.map((k) => `"${k}"`).join(', ')}${hint}; known keys: ${[...ENTRY_KEYS].join(', ')}.`,
    );
  }
  if (typeof entry.source !== 'string' || entry.source === '')
    throw new PutEventsError(`${label} needs a "source" string, e.g. "shop.orders".`);
  if (typeof entry.detailType !== 'string' || entry.detailType === '')
    throw new PutEventsError(`${label} needs a "detailType" string, e.g. "OrderPlaced".`);
  let detail: string;
  if (entry.detail === undefined) detail = '{}';
  else if (typeof entry.detail === 'string') {
    try {
      if (!isRecord(JSON.parse(entry.detail))) throw new Error('not an object');
    } catch {
      throw new PutEventsError(`${label} "detail" is a string but not a JSON object; pass an object instead.`);
    }
    detail = entry.detail;
  } else if (isRecord(entry.detail) && unserialisableKind(entry.detail) !== undefined) {
    // JSON.stringify turns these into `{}` or an object of indices: the event would not carry them.
    throw new PutEventsError(
      `${label} "detail" is ${unserialisableKind(entry.detail)}, which JSON turns into something else; pass a plain object or a JSON string.`,
    );
  } else if (isRecord(entry.detail)) {
    // JSON.stringify's type says string, but a toJSON returning undefined makes it undefined.
    let text: string | undefined;
    try {
      // BigInts (large ids) are written as their digits, exactly.
      text = stringifyExactJson(entry.detail);
    } catch (error) {
      // V8's text for a cycle runs over several lines; its first line, plus the path, says it all.
      const reason = messageOf(error).split('\n')[0] ?? '';
      const cycle = findCycle(entry.detail, 'detail');
      throw new PutEventsError(`${label} "detail" cannot be serialised to JSON: ${reason}${cycle ? ` (${cycle})` : ''}.`);
    }
    // A Date or another object with toJSON serialises to something else than a JSON object,
    // which EventBridge refuses only after the call, per entry.
    if (text === undefined || !text.startsWith('{')) {
      throw new PutEventsError(
        `${label} "detail" must be a plain object, got one that serialises to ${text === undefined ? 'nothing' : text.slice(0, 40)}.`,
      );
    }
    detail = text;
  } else
    throw new PutEventsError(
      `${label} "detail" must be an object, got ${entry.detail === null ? 'null' : Array.isArray(entry.detail) ? 'an array' : typeof entry.detail}.`,
    );
  const resources = entry.resources;
  if (resources !== undefined && !(Array.isArray(resources) && resources.every((r) => typeof r === 'string'))) {
    throw new PutEventsError(`${label} "resources" must be an array of ARN strings.`);
  }
  let time: Date | undefined;
  if (entry.time !== undefined) {
    const read = toEventTime(entry.time);
    if (!read.ok) {
      const shown = ['string', 'number', 'boolean', 'bigint'].includes(typeof entry.time) ? ` ${describeValue(entry.time)}` : '';
      throw new PutEventsError(
        `${label} "time"${shown} ${read.problem}; pass a Date, an RFC 3339 timestamp such as ${TIME_EXAMPLE}, or epoch milliseconds.`,
      );
    }
    time = read.time;
  }
  const bus = entry.eventBusName ?? defaultBus;
  if (typeof bus !== 'string' || bus === '') throw new PutEventsError(`${label} "eventBusName" must be a non-empty string.`);
  const request: PutEventsRequestEntry = {
    Source: entry.source,
    DetailType: entry.detailType,
    Detail: detail,
    EventBusName: bus,
    // Copied: an array from the test sandbox is another realm's Array.
    ...(resources ? { Resources: [...resources] } : {}),
    ...(time ? { Time: time } : {}),
    ...(typeof entry.traceHeader === 'string' ? { TraceHeader: entry.traceHeader } : {}),
  };
  const size = entrySize(request);
  if (size > MAX_REQUEST_BYTES) {
    throw new PutEventsError(
      `${label} (${entry.source} ${entry.detailType}) is ${size} bytes; EventBridge accepts at most ${MAX_REQUEST_BYTES} bytes (256 KB) per event.`,
    );
  }
  return request;
}

/** Splits entries into PutEvents calls within both the count and the size limit, in order. */
export function batchEntries(entries: readonly PutEventsRequestEntry[]): PutEventsRequestEntry[][] {
  const batches: PutEventsRequestEntry[][] = [];
  let current: PutEventsRequestEntry[] = [];
  let bytes = 0;
  for (const entry of entries) {
    const size = entrySize(entry);
    if (current.length === MAX_ENTRIES_PER_CALL || (current.length > 0 && bytes + size > MAX_REQUEST_BYTES)) {
      batches.push(current);
      current = [];
      bytes = 0;
    }
    current.push(entry);
    bytes += size;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}
