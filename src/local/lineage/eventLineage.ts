/**
 * Which event caused which: for each event a local handler put (through its function's endpoint
 * proxy), the event of the invocation that was running in that function when it put it. An
 * event no local handler put (a test's own, or one put from outside) has no entry: it starts a
 * chain, at depth 0. An event put by a handler invoked for an event of depth d has depth d + 1:
 * its depth counts the handler invocations (hops) between it and the event that started its chain.
 *
 * The router reads it to cut a chain that goes on without end (see cycleMessage.ts). Since a
 * handler's event can reach the router's listener before the emulator's answer to its PutEvents
 * reaches the proxy (two connections race), the proxy opens a ticket when the request arrives,
 * and the router waits for the open tickets (`settled`) before routing an event it does not know.
 */
import { raceTimer } from '../../foundation/timers';

/** What is known of one event a local handler put. */
export interface LineageEntry {
  readonly eventId: string;
  /** The event of the invocation attempt that put it; undefined when none was running (module init, a timer left running). */
  readonly parentEventId: string | undefined;
  /** The event its chain started with (an event no local handler put). */
  readonly rootEventId: string;
  /** The logical id of the function that put it. */
  readonly functionLogicalId: string;
  /** Its detail-type, as the PutEvents entry gave it. */
  readonly detailType: string | undefined;
  /** Hops from the root: 1 for an event put by a handler invoked for the root. */
  readonly depth: number;
}

/** What the proxy reports of one accepted PutEvents entry. */
export interface PutEntry {
  readonly eventId: string;
  readonly detailType: string | undefined;
}

/** One PutEvents request in flight through a function's proxy. */
export interface PutTicket {
  /** The entries the emulator accepted, in request order; closes the ticket. */
  done(entries: readonly PutEntry[]): void;
  /** The request failed or its answer could not be read; closes the ticket. */
  cancel(): void;
}

/** Entries kept; the oldest are forgotten past it (their descendants keep their depth). */
export const DEFAULT_LINEAGE_CAPACITY = 100_000;

/** The longest the router waits for open tickets before routing an event it does not know, in ms. */
export const SETTLE_TIMEOUT_MS = 10_000;

export class EventLineage {
  private readonly entries = new Map<string, LineageEntry>();
  private readonly open = new Set<Promise<void>>();

  /** @param capacity most entries kept (the oldest are forgotten past it); at least 1 */
  constructor(private readonly capacity = DEFAULT_LINEAGE_CAPACITY) {
    if (!Number.isInteger(capacity) || capacity < 1)
      throw new RangeError(`jest-eventbridge: the lineage's capacity (${String(capacity)}) must be a whole number of at least 1.`);
  }

  /** How many entries are kept now. */
  get size(): number {
    return this.entries.size;
  }

  /** How many PutEvents requests are in flight through the proxies. */
  get pending(): number {
    return this.open.size;
  }

  /** The entry of an event a local handler put, if kept. */
  get(eventId: string): LineageEntry | undefined {
    return this.entries.get(eventId);
  }

  /** Hops between the event and the root of its chain: 0 for an event no local handler put (or one forgotten). */
  depthOf(eventId: string): number {
    return this.entries.get(eventId)?.depth ?? 0;
  }

  /** The event its chain started with: itself when no local handler put it. */
  rootOf(eventId: string): string {
    return this.entries.get(eventId)?.rootEventId ?? eventId;
  }

  /**
   * The entries from the oldest kept ancestor down to the event itself (empty for a root). When
   * the oldest one's depth is above 1, the ones before it were forgotten.
   */
  chainOf(eventId: string): readonly LineageEntry[] {
    const chain: LineageEntry[] = [];
    let entry = this.entries.get(eventId);
    // Depth drops by one from child to parent, so the walk ends; the bound is belt and braces.
    const most = (entry?.depth ?? 0) + 1;
    while (entry !== undefined && chain.length < most) {
      chain.push(entry);
      entry = entry.parentEventId === undefined ? undefined : this.entries.get(entry.parentEventId);
    }
    return chain.reverse();
  }

  /** Notes an event a local handler put. An id already known keeps its first entry (an emulator never reuses one). */
  record(
    eventId: string,
    origin: { readonly parentEventId: string | undefined; readonly functionLogicalId: string; readonly detailType: string | undefined },
  ): LineageEntry {
    const known = this.entries.get(eventId);
    if (known !== undefined) return known;
    const parent = origin.parentEventId === undefined ? undefined : this.entries.get(origin.parentEventId);
    const entry: LineageEntry = {
      eventId,
      parentEventId: origin.parentEventId,
      rootEventId: parent?.rootEventId ?? origin.parentEventId ?? eventId,
      functionLogicalId: origin.functionLogicalId,
      detailType: origin.detailType,
      depth: origin.parentEventId === undefined ? 0 : (parent?.depth ?? 0) + 1,
    };
    this.entries.set(eventId, entry);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as string);
    return entry;
  }

  /**
   * Opens a ticket for a PutEvents request from `functionLogicalId`, made while the invocation
   * for `parentEventId` ran: its entries are recorded when it is `done`.
   */
  expect(functionLogicalId: string, parentEventId: string | undefined): PutTicket {
    let close: () => void = () => undefined;
    const closed = new Promise<void>((resolve) => (close = resolve));
    this.open.add(closed);
    const finish = (): void => {
      this.open.delete(closed);
      close();
    };
    let finished = false;
    return {
      done: (entries) => {
        if (finished) return;
        finished = true;
        for (const { eventId, detailType } of entries) this.record(eventId, { parentEventId, functionLogicalId, detailType });
        finish();
      },
      cancel: () => {
        if (finished) return;
        finished = true;
        finish();
      },
    };
  }

  /**
   * Resolves once every ticket open now is closed, or after `timeoutMs` (a request that never
   * ends must not hold the router); at once when none is open.
   */
  async settled(timeoutMs = SETTLE_TIMEOUT_MS): Promise<void> {
    if (this.open.size === 0) return;
    await raceTimer(Promise.all([...this.open]), timeoutMs, { unref: true });
  }
}
