import type { PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import type { EventBridgeEvent } from './envelope';
import { parseExactJson } from '../../foundation/exactJson';
import { isRecord } from '../../foundation/objects';
import { envelopeTimeText } from './eventTime';

/** What EventBridge adds to a put entry: the id PutEvents returned, and where and when it received it. */
export interface EnvelopeContext {
  readonly id: string;
  /** The bus's account, e.g. "123456789012"; undefined while the capture does not know it yet. */
  readonly account?: string;
  readonly region: string;
  /** When the bus received the entry (epoch ms): the event's time when the entry gave none. */
  readonly receivedAt: number;
}

/**
 * The event as EventBridge builds it from a PutEvents entry, the envelope rules match against:
 * `version` "0", the returned id, `detail-type`, `source`, `account`, `time` (the entry's, else
 * when the bus received it), `region`, `resources` ([] when none) and the parsed `detail`
 * (integers beyond 2^53 kept as BigInts).
 */
export function envelopeOfPut(entry: PutEventsRequestEntry, context: EnvelopeContext): EventBridgeEvent {
  let detail: Record<string, unknown> = {};
  try {
    const parsed = parseExactJson(entry.Detail ?? '{}');
    if (isRecord(parsed)) detail = parsed;
  } catch {
    // toRequestEntry has checked it is a JSON object; an unreadable detail stays {}.
  }
  return {
    version: '0',
    id: context.id,
    'detail-type': entry.DetailType ?? '',
    source: entry.Source ?? '',
    ...(context.account !== undefined ? { account: context.account } : {}),
    time: envelopeTimeText(entry.Time ?? new Date(context.receivedAt)),
    region: context.region,
    resources: [...(entry.Resources ?? [])],
    detail,
  };
}
