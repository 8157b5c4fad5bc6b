import type { EventBridgeEvent } from '../events/envelope';

/** One captured event with what the library knows about its arrival. */
export interface CapturedEvent {
  readonly event: EventBridgeEvent;
  /** Clock time (ms) at which the consumer stored it. */
  readonly arrivedAt: number;
  /** Arrival order within the file, from 1. */
  readonly sequence: number;
  /** The correlation id the event carried, when correlation scoping is on. */
  readonly correlationId?: string;
  /**
   * With `mirrorRule: { name, target }`: what that target receives for the event (its Input,
   * InputPath or InputTransformer applied): a JSON value, or the text when it is not JSON. The
   * envelope stays in `event` for what needs it (ids, time, correlation); see `subjectOf`.
   */
  readonly delivered?: unknown;
}

/**
 * What matchers test and `eventBridge.events` lists for a captured event: what the mirrored
 * target receives when the capture mirrors one, else the event (the envelope) itself.
 */
export function subjectOf(captured: CapturedEvent): unknown {
  return 'delivered' in captured ? captured.delivered : captured.event;
}

/** A message from the capture queue that was not an EventBridge envelope. Kept for messages. */
export interface RejectedMessage {
  readonly body: string;
  readonly reason: string;
  readonly arrivedAt: number;
}

export type StoreListener = (added: readonly CapturedEvent[]) => void;

export interface EventStoreOptions {
  readonly now: () => number;
  /** Most events kept; the oldest are forgotten past it (memory stays bounded). */
  readonly capacity?: number;
  /** Reads an event's correlation id, when correlation scoping is on. */
  readonly correlationOf?: (event: EventBridgeEvent) => string | undefined;
  /**
   * What a mirrored target receives for an event; when set, each captured event carries it as
   * `delivered`. @default none: matchers see the envelope
   */
  readonly deliver?: (event: EventBridgeEvent) => unknown;
  /** Called once, the first time old events are forgotten to stay within `capacity`. */
  readonly onCapacityReached?: (capacity: number) => void;
}

/**
 * What the capture has seen, deduplicated by event id (SQS and EventBridge both deliver at least
 * once), in arrival order, and which of it the current test may see.
 *
 * Scoping: `visible(view)` applies a test's view (capture/testScopes decides what a test sees).
 * Without a view, the store's own window applies: events after `openWindow()` or `clear()`,
 * through an optional filter; the capture uses it for direct users of CaptureSession.
 */
export class EventStore {
  private readonly all: CapturedEvent[] = [];
  private readonly seenIds = new Set<string>();
  private readonly rejectedMessages: RejectedMessage[] = [];
  private readonly listeners = new Set<StoreListener>();
  private readonly closeListeners = new Set<() => void>();
  private isClosed = false;
  private sequence = 0;
  private duplicateCount = 0;
  private forgottenCount = 0;
  private windowStart = 0;
  private scopeFilter: ((captured: CapturedEvent) => boolean) | undefined;
  private capacityWarned = false;
  private readonly capacity: number;

  constructor(private readonly options: EventStoreOptions) {
    this.capacity = options.capacity ?? 100_000;
  }

  /** Adds events; returns those that were new. Wakes waiting matchers at once. */
  add(events: readonly EventBridgeEvent[]): CapturedEvent[] {
    const added: CapturedEvent[] = [];
    for (const event of events) {
      if (this.seenIds.has(event.id)) {
        this.duplicateCount += 1;
        continue;
      }
      this.seenIds.add(event.id);
      this.sequence += 1;
      const correlationId = this.options.correlationOf?.(event);
      const deliver = this.options.deliver;
      const captured: CapturedEvent = {
        event,
        arrivedAt: this.options.now(),
        sequence: this.sequence,
        ...(correlationId === undefined ? {} : { correlationId }),
        ...(deliver ? { delivered: deliver(event) } : {}),
      };
      this.all.push(captured);
      added.push(captured);
    }
    this.enforceCapacity();
    if (added.length > 0) for (const listener of [...this.listeners]) listener(added);
    return added;
  }

  reject(body: string, reason: string): void {
    this.rejectedMessages.push({ body, reason, arrivedAt: this.options.now() });
    if (this.rejectedMessages.length > 100) this.rejectedMessages.shift();
  }

  /** Starts a new visibility window: what arrived before is no longer seen. */
  openWindow(filter?: (captured: CapturedEvent) => boolean): void {
    this.windowStart = this.sequence;
    this.scopeFilter = filter;
  }

  /** Forgets, for the current scope, everything captured so far. */
  clear(): void {
    this.windowStart = this.sequence;
  }

  isVisible(captured: CapturedEvent): boolean {
    return captured.sequence > this.windowStart && (this.scopeFilter?.(captured) ?? true);
  }

  /**
   * The events a scope sees, in arrival order: `view`'s (a test's, see capture/testScopes), or
   * by default the store's own window (`openWindow`/`clear`).
   */
  visible(view?: { isVisible(captured: CapturedEvent): boolean }): CapturedEvent[] {
    return this.all.filter((captured) => (view ? view.isVisible(captured) : this.isVisible(captured)));
  }

  /** Every stored event, visible or not, in arrival order (for "outside the window" notes). */
  captured(): readonly CapturedEvent[] {
    return this.all;
  }

  /** Arrival position of the latest stored event (0 before any); a scope's window starts after it. */
  get lastSequence(): number {
    return this.sequence;
  }

  subscribe(listener: StoreListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Called once when the capture stops; a waiter still waiting then must give up. */
  onClose(listener: () => void): () => void {
    if (this.isClosed) {
      listener();
      return () => undefined;
    }
    this.closeListeners.add(listener);
    return () => this.closeListeners.delete(listener);
  }

  /** The capture stopped: nothing more will arrive. Wakes every waiter so none outlives it. */
  close(): void {
    if (this.isClosed) return;
    this.isClosed = true;
    for (const listener of [...this.closeListeners]) listener();
    this.closeListeners.clear();
  }

  get closed(): boolean {
    return this.isClosed;
  }

  get stats(): { readonly stored: number; readonly duplicates: number; readonly forgotten: number; readonly rejected: number } {
    return {
      stored: this.all.length,
      duplicates: this.duplicateCount,
      forgotten: this.forgottenCount,
      rejected: this.rejectedMessages.length,
    };
  }

  get rejected(): readonly RejectedMessage[] {
    return this.rejectedMessages;
  }

  private enforceCapacity(): void {
    const excess = this.all.length - this.capacity;
    if (excess <= 0) return;
    this.all.splice(0, excess);
    this.forgottenCount += excess;
    // The ids of forgotten events stay in seenIds up to twice the capacity, so that a late
    // redelivery of a recently forgotten event is still dropped rather than counted again. Past
    // that, the oldest ids go first (a Set iterates in insertion order): those are the ones no
    // redelivery is coming for any more.
    let surplus = this.seenIds.size - this.capacity * 2;
    for (const id of this.seenIds) {
      if (surplus <= 0) break;
      this.seenIds.delete(id);
      surplus -= 1;
    }
    if (!this.capacityWarned) {
      this.capacityWarned = true;
      this.options.onCapacityReached?.(this.capacity);
    }
  }
}
