/**
 * The envelope EventBridge would deliver, offline: what `expect(event).toMatchEventPattern(...)`
 * tests and what `transformInput` transforms.
 * A spec holds either an envelope (from `eventBridge.events`, a handler's test event, a sample
 * from the console) or an entry as `put()` takes it (a fixture file); the second is turned into
 * the envelope EventBridge would make of it, offline.
 */
import { isRecord } from '../../foundation/objects';
import { messageOf } from '../../foundation/realm';
import { parseExactJson } from '../../foundation/exactJson';
import type { EventBridgeEvent } from './envelope';
import { toRequestEntry } from './putEntries';

/** The envelope fields EventBridge fills in itself, as an offline envelope has them. */
export const OFFLINE_ENVELOPE = {
  version: '0',
  /** A fixed id, so that what a test derives from the envelope (a transformed input) is stable. */
  id: '00000000-0000-0000-0000-000000000000',
  /** The documentation account id AWS's own examples use; `rulesFromTemplate`'s default account too. */
  account: '123456789012',
} as const;

/** The region of an offline envelope: AWS_REGION, else us-east-1 (as `rulesFromTemplate` resolves ARNs). */
export function offlineRegion(env: NodeJS.ProcessEnv = process.env): string {
  const region = env['AWS_REGION'];
  return region === undefined || region === '' ? 'us-east-1' : region;
}

/** A time as EventBridge writes it in an envelope: whole seconds, UTC, `2024-05-01T10:00:00Z`. */
export function envelopeTime(time: Date): string {
  return new Date(Math.floor(time.getTime() / 1000) * 1000).toISOString().replace(/\.000Z$/, 'Z');
}

/** The envelope, or what is wrong with the value, worded to follow "received value ". */
export type ReceivedEvent = { readonly ok: true; readonly event: EventBridgeEvent } | { readonly ok: false; readonly problem: string };

/**
 * The envelope EventBridge would deliver for `entry` (checked as `put()` checks it): `version`
 * "0", a fixed `id`, `detail-type`, `source`, the account 123456789012, the region
 * (`offlineRegion`), `time` (the entry's, in whole seconds, else `now`), `resources` (the
 * entry's, else []) and `detail` parsed with integers beyond 2^53 kept as BigInts.
 * `eventBusName` and `traceHeader` are not part of an envelope.
 */
export function envelopeOfEntry(entry: unknown, now: Date = new Date()): ReceivedEvent {
  let request;
  try {
    request = toRequestEntry(entry, 0, 'default');
  } catch (error) {
    // put()'s own check and wording, with the entry named as what this matcher received.
    return { ok: false, problem: messageOf(error).replace(/^put\(\): entry 0 /, '(a put entry) ') };
  }
  return {
    ok: true,
    event: {
      version: OFFLINE_ENVELOPE.version,
      id: OFFLINE_ENVELOPE.id,
      'detail-type': request.DetailType ?? '',
      source: request.Source ?? '',
      account: OFFLINE_ENVELOPE.account,
      time: envelopeTime(request.Time ?? now),
      region: offlineRegion(),
      resources: request.Resources ?? [],
      detail: parseExactJson(request.Detail ?? '{}') as Record<string, unknown>,
    },
  };
}

/**
 * The envelope a received value stands for: an object with `detail-type` is an envelope
 * already (tested as it is); one with `detailType` is a put entry (`envelopeOfEntry`).
 */
export function receivedEvent(received: unknown, now?: Date): ReceivedEvent {
  if (isRecord(received) && 'detail-type' in received) return { ok: true, event: received as EventBridgeEvent };
  if (isRecord(received) && ('detailType' in received || 'source' in received)) return envelopeOfEntry(received, now);
  return {
    ok: false,
    problem:
      'must be an EventBridge event: an envelope (with "detail-type", as a target receives it) or an entry as put() takes it ({ source, detailType, detail })',
  };
}
