/**
 * The envelope EventBridge would deliver, offline: what `expect(event).toMatchEventPattern(...)`
 * tests and what `transformInput` transforms.
 * A spec holds either an envelope (from `eventBridge.events`, a handler's test event, a sample
 * from the console) or an entry as `put()` takes it (a fixture file); the second is turned into
 * the envelope EventBridge would make of it, offline.
 */
import { isRecord } from '../../foundation/objects';
import { messageOf } from '../../foundation/realm';
import type { EventBridgeEvent } from './envelope';
import { OFFLINE_ACCOUNT, offlineRegion } from './offlineDefaults';
import { toRequestEntry } from './putEntries';
import { envelopeOfPut } from './putEnvelope';

/** The id of an offline envelope: fixed, so that what a test derives from it (a transformed input) is stable. */
export const OFFLINE_EVENT_ID = '00000000-0000-0000-0000-000000000000';

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
  // The envelope PutEvents would make, received offline: the fixed id, account and region.
  return {
    ok: true,
    event: envelopeOfPut(request, { id: OFFLINE_EVENT_ID, account: OFFLINE_ACCOUNT, region: offlineRegion(), receivedAt: now.getTime() }),
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
