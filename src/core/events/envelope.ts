import { isRecord } from '../../foundation/objects';
import { parseExactJson } from '../../foundation/exactJson';
/**
 * An event as EventBridge delivers it to a target: the envelope, with `detail` parsed.
 * Field names are EventBridge's own (kebab-case), because that is what rules and patterns see.
 */
export interface EventBridgeEvent<TDetail = Record<string, unknown>> {
  readonly version: string;
  readonly id: string;
  readonly 'detail-type': string;
  readonly source: string;
  readonly account?: string;
  readonly time: string;
  readonly region: string;
  readonly resources: readonly string[];
  readonly detail: TDetail;
  readonly [extra: string]: unknown;
}

export type ParsedBody = { readonly ok: true; readonly event: EventBridgeEvent } | { readonly ok: false; readonly reason: string };

/**
 * Parses one SQS message body into an envelope. A body that is not an envelope (someone sent
 * to the queue by hand, or a target with an input transformer) is reported, not thrown: the
 * consumer must never die on a bad message.
 */
export function parseEnvelope(body: string | undefined): ParsedBody {
  if (body === undefined || body === '') return { ok: false, reason: 'empty message body' };
  let value: unknown;
  try {
    // Exact: an id such as 12345678901234567890 must not be rounded (read as a BigInt).
    value = parseExactJson(body);
  } catch {
    return { ok: false, reason: 'message body is not JSON' };
  }
  if (!isRecord(value)) return { ok: false, reason: 'message body is not a JSON object' };
  const missing = ['id', 'source', 'detail-type', 'detail'].filter((key) => !(key in value));
  if (missing.length > 0) {
    return { ok: false, reason: `not an EventBridge envelope: missing ${missing.join(', ')}` };
  }
  if (typeof value.id !== 'string' || value.id === '') {
    return { ok: false, reason: 'not an EventBridge envelope: id is not a string' };
  }
  return { ok: true, event: value as unknown as EventBridgeEvent };
}
