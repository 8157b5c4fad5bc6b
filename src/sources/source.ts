import type { EventBridgeEvent } from '../core/events/envelope';
import type { CaptureResourceNames } from '../core/matchers/captureView';

/**
 * Where a source delivers what it receives: the session's event store. A source never reads
 * it back; the store deduplicates by event id, so a source may deliver an event more than once.
 */
export interface EventSink {
  /** Decoded events, in the order the source received them. */
  add(events: readonly EventBridgeEvent[]): unknown;
  /** A message that was not an event (its raw body, and why), kept for failure messages. */
  reject(body: string, reason: string): void;
}

/**
 * The contract between a CaptureSession and wherever its events come from. The session owns
 * the store, test scopes, `put()` and the shared stop; a source owns its cloud resources, how
 * it receives and decodes events, and the proof that it delivers. The session calls, in order:
 * `create()`, `deliverTo(sink)`, `proveDelivery()`; then, once (also after any of these threw,
 * or was never reached), `stopDelivering()` and, unless the user keeps resources, `remove()`.
 *
 * The EventBridge source (sources/eventbridge/eventBridgeSource.ts) is a rule on the bus with
 * an SQS queue as its target, and a readiness canary only it knows about. Another source fits
 * the same shape; for example:
 * - an SNS topic: `create()` makes a queue and subscribes it to the topic (raw message delivery
 *   off, so the body is the SNS envelope), `deliverTo` long-polls the queue and decodes each
 *   notification's `Message` into the sink, `proveDelivery` publishes its own probe message and
 *   waits for it, `remove()` unsubscribes and deletes the queue;
 * - an existing SQS queue: `create()` does nothing, `deliverTo` polls it, `proveDelivery` sends
 *   a probe message to it, `remove()` leaves the queue alone.
 * Each would live under sources/<name>/; CaptureSession builds the EventBridge source today, and
 * would take a source (or an option naming one) as an input to build another.
 */
export interface CaptureSource {
  /**
   * Prefix of every correlation id the session stamps on `put()` (ends with a separator, so
   * `…-1` never prefixes `…-10`). With correlation scoping on, the source delivers only events
   * whose id starts with it.
   */
  readonly correlationPrefix: string;
  /** Creates what the source needs. Throws a CaptureSetupError naming the failed step. */
  create(): Promise<void>;
  /** Starts receiving, decoding and adding events to `sink`, until `stopDelivering()`. */
  deliverTo(sink: EventSink): void;
  /**
   * Resolves once the source has provably delivered (a probe went all the way through), or
   * throws a CaptureSetupError that says what to check.
   */
  proveDelivery(): Promise<void>;
  /** What the source listens to, for failure messages: `bus "orders" via queue jeb-…`. */
  describe(): string;
  /** What stays behind when the user keeps resources: `queue jeb-… and rule jeb-… on bus "orders"`. */
  describeResources(): string;
  /** The names of its resources (the URL and ARN once `create()` has made them). */
  resources(): CaptureResourceNames;
  /** Set while receiving keeps failing: the latest error, quoted in failure messages. */
  readonly deliveryError: string | undefined;
  /** Stops receiving and settles what is in flight. Safe to call when `deliverTo` never ran. */
  stopDelivering(): Promise<void>;
  /**
   * Removes everything `create()` made or may have made (also after a half-done or timed-out
   * create); what is already gone counts as removed. Throws a CaptureTeardownError naming
   * whatever is left behind. Calling it again does nothing.
   */
  remove(): Promise<void>;
}
